using System.Text.Json.Nodes;
using Fulmen.Pipes.Model;
using Microsoft.AspNetCore.Http;

namespace Fulmen.Pipes.Api;

public sealed partial class PipesApi
{
    private async Task CreateAsync(HttpContext context, string name)
    {
        PipeValidation.Name(name);
        var body = await ReadAsync(context);
        var role = Text(body, "RoleArn", "roleArn");
        PipeValidation.RoleArn(role);
        var source = Text(body, "Source", "source");
        PipeValidation.Source(source);
        var target = Text(body, "Target", "target");
        PipeValidation.Target(target);
        var enrichment = Text(body, "Enrichment", "enrichment");
        PipeValidation.Enrichment(enrichment);
        var description = Text(body, "Description", "description");
        PipeValidation.Description(description);
        var desired = Text(body, "DesiredState", "desiredState");
        PipeValidation.DesiredState(desired);
        var sourceParameters = Object(body, "SourceParameters", "sourceParameters");
        PipeValidation.SourceParameters(sourceParameters);
        var enrichmentParameters = Object(body, "EnrichmentParameters", "enrichmentParameters");
        PipeValidation.EnrichmentParameters(enrichmentParameters);
        var targetParameters = Object(body, "TargetParameters", "targetParameters");
        PipeValidation.TargetParameters(targetParameters);
        var tags = Object(body, "Tags", "tags");
        PipeValidation.Tags(tags);
        var now = Now();
        var pipe = new PipeRecord
        {
            Name = name,
            Arn = PipeArns.Pipe(account, name),
            Description = description,
            Source = source!,
            SourceParameters = sourceParameters?.ToJsonString(),
            Enrichment = string.IsNullOrEmpty(enrichment) ? null : enrichment,
            EnrichmentParameters = enrichmentParameters?.ToJsonString(),
            Target = target!,
            TargetParameters = targetParameters?.ToJsonString(),
            RoleArn = role!,
            DesiredState = desired ?? PipeStates.Running,
            CurrentState = PipeStates.Creating,
            CreationTime = now,
            LastModifiedTime = now,
            Tags = tags is null ? new Dictionary<string, string>() : tags.ToDictionary(t => t.Key, t => t.Value!.GetValue<string>()),
        };
        if (!await store.TryCreateAsync(pipe, context.RequestAborted))
        {
            throw PipesErrors.AlreadyExists(name);
        }
        await WriteAsync(context, Summary(pipe));
    }

    private async Task DescribeAsync(HttpContext context, string name)
    {
        var pipe = await FindAsync(name, context.RequestAborted);
        var result = new JsonObject
        {
            ["Arn"] = pipe.Arn,
            ["CreationTime"] = pipe.CreationTime,
            ["CurrentState"] = pipe.CurrentState,
            ["DesiredState"] = pipe.DesiredState,
            ["LastModifiedTime"] = pipe.LastModifiedTime,
            ["Name"] = pipe.Name,
            ["RoleArn"] = pipe.RoleArn,
            ["Source"] = pipe.Source,
            ["Target"] = pipe.Target,
            ["Tags"] = Tags(pipe),
        };
        Add(result, "Description", pipe.Description);
        Add(result, "Enrichment", pipe.Enrichment);
        Add(result, "StateReason", pipe.StateReason);
        AddJson(result, "SourceParameters", pipe.SourceParameters);
        AddJson(result, "EnrichmentParameters", pipe.EnrichmentParameters);
        AddJson(result, "TargetParameters", pipe.TargetParameters);
        await WriteAsync(context, result);
    }

    /// <summary>
    /// As AWS: members not given stay as they are; each given parameters object replaces the stored one's members of
    /// the same name whole (e.g. all of <c>SqsQueueParameters</c>), the others stay.
    /// </summary>
    private async Task UpdateAsync(HttpContext context, string name)
    {
        PipeValidation.Name(name);
        var body = await ReadAsync(context);
        var role = Text(body, "RoleArn", "roleArn");
        PipeValidation.RoleArn(role);
        var target = Text(body, "Target", "target");
        if (target is not null)
        {
            PipeValidation.Target(target);
        }
        var enrichment = Text(body, "Enrichment", "enrichment");
        PipeValidation.Enrichment(enrichment);
        var description = Text(body, "Description", "description");
        PipeValidation.Description(description);
        var desired = Text(body, "DesiredState", "desiredState");
        PipeValidation.DesiredState(desired);
        var sourceParameters = Object(body, "SourceParameters", "sourceParameters");
        PipeValidation.SourceParameters(sourceParameters);
        var enrichmentParameters = Object(body, "EnrichmentParameters", "enrichmentParameters");
        PipeValidation.EnrichmentParameters(enrichmentParameters);
        var targetParameters = Object(body, "TargetParameters", "targetParameters");
        PipeValidation.TargetParameters(targetParameters);
        var now = Now();
        var pipe = await store.ChangeAsync(name, current =>
        {
            Refuse(current, "update");
            return current with
            {
                RoleArn = role!,
                Target = target ?? current.Target,
                Enrichment = enrichment is null ? current.Enrichment : enrichment.Length == 0 ? null : enrichment,
                Description = description ?? current.Description,
                DesiredState = desired ?? current.DesiredState,
                SourceParameters = Merge(current.SourceParameters, sourceParameters),
                EnrichmentParameters = Merge(current.EnrichmentParameters, enrichmentParameters),
                TargetParameters = Merge(current.TargetParameters, targetParameters),
                CurrentState = PipeStates.Updating,
                StateReason = null,
                LastModifiedTime = now,
            };
        }, context.RequestAborted) ?? throw PipesErrors.NotFound(name);
        await WriteAsync(context, Summary(pipe));
    }

    private async Task DeleteAsync(HttpContext context, string name)
    {
        PipeValidation.Name(name);
        var now = Now();
        var pipe = await store.ChangeAsync(name, current => current.CurrentState == PipeStates.Deleting
            ? current
            : current with { DesiredState = PipeStates.Deleted, CurrentState = PipeStates.Deleting, LastModifiedTime = now }, context.RequestAborted)
            ?? throw PipesErrors.NotFound(name);
        await WriteAsync(context, Summary(pipe));
    }

    /// <summary>StartPipe and StopPipe: the desired state now, the current one STARTING or STOPPING until settled.</summary>
    private async Task SetDesiredStateAsync(HttpContext context, string name, string desired)
    {
        PipeValidation.Name(name);
        var now = Now();
        var pipe = await store.ChangeAsync(name, current =>
        {
            Refuse(current, desired == PipeStates.Running ? "start" : "stop");
            return current with
            {
                DesiredState = desired,
                CurrentState = desired == PipeStates.Running ? PipeStates.Starting : PipeStates.Stopping,
                StateReason = null,
                LastModifiedTime = now,
            };
        }, context.RequestAborted) ?? throw PipesErrors.NotFound(name);
        await WriteAsync(context, Summary(pipe));
    }

    /// <summary>A pipe being deleted takes no other change.</summary>
    private static void Refuse(PipeRecord pipe, string action)
    {
        if (pipe.CurrentState == PipeStates.Deleting)
        {
            throw PipesErrors.Conflict(pipe.Name, $"Cannot {action} pipe {pipe.Name} because it is being deleted.");
        }
    }

    private static string? Merge(string? stored, JsonObject? given)
    {
        if (given is null)
        {
            return stored;
        }
        var merged = PipeSettings.Parse(stored) ?? [];
        foreach (var (member, value) in given)
        {
            merged[member] = value?.DeepClone();
        }
        return merged.ToJsonString();
    }

    private static JsonObject Tags(PipeRecord pipe)
    {
        var tags = new JsonObject();
        foreach (var (key, value) in pipe.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            tags[key] = value;
        }
        return tags;
    }

    private static void Add(JsonObject result, string member, string? value)
    {
        if (value is not null)
        {
            result[member] = value;
        }
    }

    private static void AddJson(JsonObject result, string member, string? json)
    {
        if (json is not null)
        {
            result[member] = JsonNode.Parse(json);
        }
    }
}
