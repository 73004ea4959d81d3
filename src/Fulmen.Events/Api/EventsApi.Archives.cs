using System.Text.Json.Nodes;
using Fulmen.Events.Archives;
using Fulmen.Events.Model;
using Fulmen.Patterns;
using Fulmen.Storage.Documents;

namespace Fulmen.Events.Api;

public sealed partial class EventsApi
{
    private async Task<JsonObject> CreateArchiveAsync(EventsRequest request)
    {
        var name = request.Name("ArchiveName", "archiveName", EventsRequest.RuleName, EventsRequest.RuleNamePattern, 48);
        var sourceArn = request.Required("EventSourceArn", "eventSourceArn");
        var bus = ArchiveBus(sourceArn);
        if (await catalog.FindBusAsync(bus, request.Aborted) is null)
        {
            throw EventsErrors.BusNotFound(bus);
        }
        var pattern = ArchivePattern(request);
        var retention = Retention(request);
        var now = Now();
        var record = new ArchiveRecord
        {
            Name = name, EventSourceArn = sourceArn, BusName = bus, Description = request.String("Description"), EventPattern = pattern,
            RetentionDays = retention ?? 0, CreationTime = now, StoreKey = $"{name}/{Guid.NewGuid():N}",
        };
        var (_, created) = await archives.ChangeArchiveAsync(name, existing => existing is null
            ? DocumentChange.Put(record, true)
            : DocumentChange.Keep<ArchiveRecord, bool>(false), request.Aborted);
        if (!created)
        {
            throw EventsErrors.Error("ResourceAlreadyExistsException", $"Archive {name} already exists.");
        }
        return new JsonObject { ["ArchiveArn"] = ArchiveArn(name), ["State"] = "ENABLED", ["CreationTime"] = now };
    }

    private async Task<JsonObject> DescribeArchiveAsync(EventsRequest request)
    {
        var archive = await ArchiveAsync(request);
        var result = await ArchiveJsonAsync(archive, request.Aborted);
        result["ArchiveArn"] = ArchiveArn(archive.Name);
        if (archive.Description is not null)
        {
            result["Description"] = archive.Description;
        }
        if (archive.EventPattern is not null)
        {
            result["EventPattern"] = archive.EventPattern;
        }
        return result;
    }

    private async Task<JsonObject> ListArchivesAsync(EventsRequest request)
    {
        var prefix = request.String("NamePrefix");
        var source = request.String("EventSourceArn");
        var state = request.String("State");
        if ((prefix is null ? 0 : 1) + (source is null ? 0 : 1) + (state is null ? 0 : 1) > 1)
        {
            throw EventsErrors.Validation("At most one filter is allowed for ListArchives. Use either : State, EventSourceArn, or NamePrefix.");
        }
        string[] states = ["CREATE_FAILED", "CREATING", "DISABLED", "ENABLED", "UPDATE_FAILED", "UPDATING"];
        if (state is not null && !states.Contains(state))
        {
            throw EventsErrors.Constraint(state, "state", $"Member must satisfy enum value set: [{string.Join(", ", states)}]");
        }
        var matching = archives.Archives.Select(a => a.Record)
            .Where(a => (prefix is null || a.Name.StartsWith(prefix, StringComparison.Ordinal)) && (source is null || a.EventSourceArn == source)
                && (state is null || state == "ENABLED"))
            .ToList();
        var (page, next) = request.Paged(matching);
        var list = new JsonArray();
        foreach (var archive in page)
        {
            list.Add(await ArchiveJsonAsync(archive, request.Aborted));
        }
        var result = new JsonObject { ["Archives"] = list };
        if (next is not null)
        {
            result["NextToken"] = next;
        }
        return result;
    }

    private async Task<JsonObject> UpdateArchiveAsync(EventsRequest request)
    {
        var name = (await ArchiveAsync(request)).Name;
        var description = request.String("Description");
        var pattern = ArchivePattern(request);
        var retention = Retention(request);
        var (archive, _) = await archives.ChangeArchiveAsync(name, existing => existing is null
            ? DocumentChange.Keep<ArchiveRecord, bool>(false)
            : DocumentChange.Put(existing with
            {
                Description = description ?? existing.Description,
                EventPattern = pattern ?? existing.EventPattern,
                RetentionDays = retention ?? existing.RetentionDays,
            }, true), request.Aborted);
        var record = archive?.Record ?? throw ArchiveNotFound(name);
        return new JsonObject { ["ArchiveArn"] = ArchiveArn(name), ["State"] = "ENABLED", ["CreationTime"] = record.CreationTime };
    }

    private async Task<JsonObject> DeleteArchiveAsync(EventsRequest request)
    {
        var name = (await ArchiveAsync(request)).Name;
        var (_, deleted) = await archives.ChangeArchiveAsync(name, existing => existing is null
            ? DocumentChange.Keep<ArchiveRecord, ArchiveRecord?>(null)
            : DocumentChange.Delete<ArchiveRecord, ArchiveRecord?>(existing), request.Aborted);
        if (deleted is null)
        {
            throw ArchiveNotFound(name);
        }
        maintenance.Purge(deleted.EventsCollection);
        return [];
    }

    private async Task<ArchiveRecord> ArchiveAsync(EventsRequest request)
    {
        var name = request.Name("ArchiveName", "archiveName", EventsRequest.RuleName, EventsRequest.RuleNamePattern, 48);
        return (await archives.FindArchiveAsync(name, request.Aborted))?.Record ?? throw ArchiveNotFound(name);
    }

    private async Task<JsonObject> ArchiveJsonAsync(ArchiveRecord archive, CancellationToken cancellationToken)
    {
        var (count, bytes) = await archived.StatsAsync(archive.EventsCollection, cancellationToken);
        return new JsonObject
        {
            ["ArchiveName"] = archive.Name,
            ["EventSourceArn"] = archive.EventSourceArn,
            ["State"] = "ENABLED",
            ["RetentionDays"] = archive.RetentionDays,
            ["SizeBytes"] = bytes,
            ["EventCount"] = count,
            ["CreationTime"] = archive.CreationTime,
        };
    }

    private static Exception ArchiveNotFound(string name) => EventsErrors.Error("ResourceNotFoundException", $"Archive {name} does not exist.");

    private string ArchiveArn(string name) => account.Arn("events", $"archive/{name}").ToString();

    /// <summary>The bus an archive's EventSourceArn names (a bus of this account and region).</summary>
    private string ArchiveBus(string sourceArn) =>
        EventArns.Parse(account, sourceArn) is (var bus, null)
            ? bus
            : throw EventsErrors.Validation("Parameter EventSourceArn is not valid. Reason: Provided Arn is not in correct format.");

    private static string? ArchivePattern(EventsRequest request)
    {
        var pattern = request.String("EventPattern");
        if (pattern is not null)
        {
            try
            {
                EventPattern.Parse(pattern, PatternDialect.EventBridge);
            }
            catch (InvalidPatternException e)
            {
                throw EventsErrors.InvalidEventPattern(e.Message);
            }
        }
        return pattern;
    }

    private static int? Retention(EventsRequest request)
    {
        var days = request.Int("RetentionDays");
        if (days < 0)
        {
            throw EventsErrors.Constraint(days.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), "retentionDays",
                "Member must have value greater than or equal to 0");
        }
        return days;
    }
}
