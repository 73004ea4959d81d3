using System.Text.Json.Nodes;
using Fulmen.Events.Model;
using Fulmen.Storage.Documents;

namespace Fulmen.Events.Api;

public sealed partial class EventsApi
{
    private async Task<JsonObject> CreateEventBusAsync(EventsRequest request)
    {
        var name = request.Name("Name", "name", EventsRequest.BusName, EventsRequest.BusNamePattern, 256);
        if (name == EventCatalog.DefaultBus || name.Contains('/', StringComparison.Ordinal))
        {
            throw EventsErrors.Validation($"Event bus name must not contain '/' or be 'default'.");
        }
        var description = request.String("Description");
        var tags = ReadTags(request.Array("Tags"));
        var now = Now();
        var (_, created) = await catalog.ChangeBusAsync(name, existing => existing is not null
            ? DocumentChange.Keep<EventBusRecord, bool>(false)
            : DocumentChange.Put(new EventBusRecord { Name = name, Description = description, CreationTime = now, LastModifiedTime = now, Tags = tags }, true),
            request.Aborted);
        if (!created)
        {
            throw EventsErrors.BusExists(name);
        }
        var result = new JsonObject { ["EventBusArn"] = EventArns.Bus(account, name) };
        if (description is not null)
        {
            result["Description"] = description;
        }
        return result;
    }

    private async Task<JsonObject> DescribeEventBusAsync(EventsRequest request) => BusJson(await BusAsync(request, "Name"));

    private Task<JsonObject> ListEventBusesAsync(EventsRequest request)
    {
        var prefix = request.String("NamePrefix") ?? "";
        var (page, next) = request.Paged([.. catalog.Buses.Where(b => b.Name.StartsWith(prefix, StringComparison.Ordinal))]);
        var result = new JsonObject { ["EventBuses"] = new JsonArray([.. page.Select(BusJson)]) };
        if (next is not null)
        {
            result["NextToken"] = next;
        }
        return Task.FromResult(result);
    }

    private async Task<JsonObject> DeleteEventBusAsync(EventsRequest request)
    {
        var name = EventArns.BusName(request.Required("Name", "name"));
        if (name == EventCatalog.DefaultBus)
        {
            throw EventsErrors.Validation("Cannot delete event bus default.");
        }
        if (catalog.Rules(name).Count > 0)
        {
            throw EventsErrors.Validation($"Cannot delete event bus {name} because it has rules.");
        }
        // Deleting a bus that does not exist succeeds, as on AWS.
        await catalog.ChangeBusAsync(name, static existing => existing is null
            ? DocumentChange.Keep<EventBusRecord, bool>(false)
            : DocumentChange.Delete<EventBusRecord, bool>(true), request.Aborted);
        return [];
    }

    private JsonObject BusJson(EventBusRecord bus)
    {
        var json = new JsonObject { ["Name"] = bus.Name, ["Arn"] = EventArns.Bus(account, bus.Name) };
        if (bus.Description is not null)
        {
            json["Description"] = bus.Description;
        }
        json["CreationTime"] = bus.CreationTime;
        json["LastModifiedTime"] = bus.LastModifiedTime;
        return json;
    }
}
