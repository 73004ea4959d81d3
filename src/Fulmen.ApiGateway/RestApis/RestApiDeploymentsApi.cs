using Microsoft.AspNetCore.Http;

namespace Fulmen.ApiGateway.RestApis;

/// <summary>CreateDeployment (freezes the resource tree), GetDeployments, and the stages that point at deployments.</summary>
internal static class RestApiDeploymentsApi
{
    public static async Task CreateDeploymentAsync(HttpContext context)
    {
        var request = await RestApiJson.ReadAsync(context);
        var now = RestApisApi.Services(context).Time.GetUtcNow().ToUnixTimeSeconds();
        var deployment = await RestApisApi.Services(context).Store.ChangeAsync(RestApisApi.ApiId(context), document =>
        {
            var methods = document.Resources.SelectMany(r => r.ResourceMethods ?? []).ToList();
            if (methods.Count == 0)
            {
                throw RestApiException.BadRequest("The REST API doesn't contain any methods");
            }
            if (methods.Any(m => m.Value.MethodIntegration is null))
            {
                throw RestApiException.BadRequest("No integration defined for method");
            }
            if (request.StageName is { } name && !IsStageName(name))
            {
                throw RestApiException.BadRequest("Stage name only allows a-zA-Z0-9_");
            }
            var deployment = new DeploymentShape { Id = RestApiStore.NewId(), Description = request.Description, CreatedDate = now };
            document.Deployments.Add(deployment);
            document.Snapshots[deployment.Id] = RestApiJson.Clone(document.Resources, RestApiJsonContext.Default.ListResourceShape);
            if (request.StageName is { } stageName)
            {
                var stage = document.Stages.Find(s => s.StageName == stageName);
                if (stage is null)
                {
                    stage = new StageShape { StageName = stageName, CreatedDate = now, Description = request.StageDescription };
                    document.Stages.Add(stage);
                }
                stage.DeploymentId = deployment.Id;
                stage.LastUpdatedDate = now;
                if (request.Variables is { } variables)
                {
                    stage.Variables = variables;
                }
            }
            return deployment;
        }, context.RequestAborted);
        await RestApiJson.WriteAsync(context, 201, deployment, RestApiJsonContext.Default.DeploymentShape);
    }

    public static async Task GetDeploymentsAsync(HttpContext context)
    {
        var document = await RestApisApi.FindAsync(context);
        await RestApiJson.WriteAsync(context, 200, new ItemList<DeploymentShape> { Items = document.Deployments }, RestApiJsonContext.Default.ItemListDeploymentShape);
    }

    public static async Task GetDeploymentAsync(HttpContext context)
    {
        var document = await RestApisApi.FindAsync(context);
        var id = (string)context.Request.RouteValues["deploymentId"]!;
        var deployment = document.Deployments.Find(d => d.Id == id) ?? throw RestApiException.NotFound("Invalid Deployment identifier specified");
        await RestApiJson.WriteAsync(context, 200, deployment, RestApiJsonContext.Default.DeploymentShape);
    }

    public static async Task CreateStageAsync(HttpContext context)
    {
        var request = await RestApiJson.ReadAsync(context);
        var now = RestApisApi.Services(context).Time.GetUtcNow().ToUnixTimeSeconds();
        var stage = await RestApisApi.Services(context).Store.ChangeAsync(RestApisApi.ApiId(context), document =>
        {
            if (request.StageName is not { } name || !IsStageName(name))
            {
                throw RestApiException.BadRequest("Stage name only allows a-zA-Z0-9_");
            }
            if (request.DeploymentId is not { } deploymentId || !document.Snapshots.ContainsKey(deploymentId))
            {
                throw RestApiException.BadRequest("Invalid deployment identifier specified");
            }
            if (document.Stages.Any(s => s.StageName == name))
            {
                throw RestApiException.Conflict("Stage already exists");
            }
            var stage = new StageShape
            {
                StageName = name,
                DeploymentId = deploymentId,
                Description = request.Description,
                Variables = request.Variables,
                CreatedDate = now,
                LastUpdatedDate = now,
            };
            document.Stages.Add(stage);
            return stage;
        }, context.RequestAborted);
        await RestApiJson.WriteAsync(context, 201, stage, RestApiJsonContext.Default.StageShape);
    }

    public static async Task GetStagesAsync(HttpContext context)
    {
        var document = await RestApisApi.FindAsync(context);
        await RestApiJson.WriteAsync(context, 200, new ItemList<StageShape> { Items = document.Stages }, RestApiJsonContext.Default.ItemListStageShape);
    }

    public static async Task GetStageAsync(HttpContext context)
    {
        var document = await RestApisApi.FindAsync(context);
        await RestApiJson.WriteAsync(context, 200, Stage(document, context), RestApiJsonContext.Default.StageShape);
    }

    /// <summary>Patch operations on <c>/deploymentId</c>, <c>/description</c> and <c>/variables/{name}</c>.</summary>
    public static async Task UpdateStageAsync(HttpContext context)
    {
        var operations = PatchOperations.Of(await RestApiJson.ReadAsync(context));
        var now = RestApisApi.Services(context).Time.GetUtcNow().ToUnixTimeSeconds();
        var stage = await RestApisApi.Services(context).Store.ChangeAsync(RestApisApi.ApiId(context), document =>
        {
            var stage = Stage(document, context);
            foreach (var op in operations)
            {
                switch (op.Op, op.Path)
                {
                    case ("replace", "/deploymentId"):
                        stage.DeploymentId = op.Value is { } id && document.Snapshots.ContainsKey(id)
                            ? id
                            : throw RestApiException.BadRequest("Invalid deployment identifier specified");
                        break;
                    case ("replace", "/description"):
                        stage.Description = op.Value;
                        break;
                    case ("replace" or "add", { } path) when path.StartsWith("/variables/", StringComparison.Ordinal):
                        (stage.Variables ??= [])[RestApisApi.Unescape(path["/variables/".Length..])] = op.Value ?? "";
                        break;
                    case ("remove", { } path) when path.StartsWith("/variables/", StringComparison.Ordinal):
                        stage.Variables?.Remove(RestApisApi.Unescape(path["/variables/".Length..]));
                        break;
                    default:
                        throw PatchOperations.UnsupportedPath(op);
                }
            }
            stage.LastUpdatedDate = now;
            return stage;
        }, context.RequestAborted);
        await RestApiJson.WriteAsync(context, 200, stage, RestApiJsonContext.Default.StageShape);
    }

    public static async Task DeleteStageAsync(HttpContext context)
    {
        await RestApisApi.Services(context).Store.ChangeAsync(RestApisApi.ApiId(context), document => document.Stages.Remove(Stage(document, context)), context.RequestAborted);
        context.Response.StatusCode = 202;
    }

    private static StageShape Stage(RestApiDocument document, HttpContext context)
    {
        var name = (string)context.Request.RouteValues["stageName"]!;
        return document.Stages.Find(s => s.StageName == name) ?? throw RestApiException.NotFound("Invalid stage identifier specified");
    }

    private static bool IsStageName(string name) => name.Length is > 0 and <= 128 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
