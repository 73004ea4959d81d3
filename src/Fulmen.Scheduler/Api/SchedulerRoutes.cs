using Fulmen.Protocols.Edge;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Fulmen.Scheduler.Api;

/// <summary>The Scheduler's paths, as AWS's model defines them.</summary>
public static class SchedulerRoutes
{
    public static IEndpointRouteBuilder MapSchedulerApi(this IEndpointRouteBuilder app)
    {
        var api = SchedulerApi.Descriptor;
        app.MapPost("/schedules/{Name}", SchedulesApi.CreateAsync).WithAwsOperation(api, "CreateSchedule");
        app.MapGet("/schedules/{Name}", SchedulesApi.GetAsync).WithAwsOperation(api, "GetSchedule");
        app.MapPut("/schedules/{Name}", SchedulesApi.UpdateAsync).WithAwsOperation(api, "UpdateSchedule");
        app.MapDelete("/schedules/{Name}", SchedulesApi.DeleteAsync).WithAwsOperation(api, "DeleteSchedule");
        app.MapGet("/schedules", SchedulesApi.ListAsync).WithAwsOperation(api, "ListSchedules");

        app.MapPost("/schedule-groups/{Name}", ScheduleGroupsApi.CreateAsync).WithAwsOperation(api, "CreateScheduleGroup");
        app.MapGet("/schedule-groups/{Name}", ScheduleGroupsApi.GetAsync).WithAwsOperation(api, "GetScheduleGroup");
        app.MapDelete("/schedule-groups/{Name}", ScheduleGroupsApi.DeleteAsync).WithAwsOperation(api, "DeleteScheduleGroup");
        app.MapGet("/schedule-groups", ScheduleGroupsApi.ListAsync).WithAwsOperation(api, "ListScheduleGroups");

        // The ARN is one path segment, its slash percent-encoded (%2F), as AWS's clients send it.
        app.MapPost("/tags/{ResourceArn}", SchedulerTagsApi.TagAsync).WithAwsOperation(api, "TagResource");
        app.MapDelete("/tags/{ResourceArn}", SchedulerTagsApi.UntagAsync).WithAwsOperation(api, "UntagResource");
        app.MapGet("/tags/{ResourceArn}", SchedulerTagsApi.ListAsync).WithAwsOperation(api, "ListTagsForResource");
        return app;
    }
}
