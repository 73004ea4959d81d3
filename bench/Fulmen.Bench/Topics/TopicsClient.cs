using System.Globalization;
using System.Xml.Linq;

namespace Fulmen.Bench.Topics;

/// <summary>SNS over the query protocol as the SDKs send it (a form posted to <c>/</c>, <c>Action=…</c>; XML answers).</summary>
internal sealed class TopicsClient(HttpClient http, Uri endpoint)
{
    public async Task<string> CreateTopicAsync(string name) => Element(await CallAsync("CreateTopic", [new("Name", name)]), "TopicArn");

    public async Task<string> SubscribeAsync(string topicArn, string protocol, string endpointArn, IReadOnlyDictionary<string, string> attributes)
    {
        var form = new List<KeyValuePair<string, string>> { new("TopicArn", topicArn), new("Protocol", protocol), new("Endpoint", endpointArn) };
        var i = 0;
        foreach (var (key, value) in attributes)
        {
            i++;
            form.Add(new($"Attributes.entry.{i}.key", key));
            form.Add(new($"Attributes.entry.{i}.value", value));
        }
        return Element(await CallAsync("Subscribe", form), "SubscriptionArn");
    }

    /// <summary>One Publish with a String and a Number attribute; true when accepted.</summary>
    public async Task<bool> PublishAsync(string topicArn, string message, string kind, int total)
    {
        using var response = await http.PostAsync(new Uri(endpoint, "/"), new FormUrlEncodedContent(
        [
            new("Action", "Publish"), new("Version", "2010-03-31"), new("TopicArn", topicArn), new("Message", message),
            new("MessageAttributes.entry.1.Name", "kind"), new("MessageAttributes.entry.1.Value.DataType", "String"),
            new("MessageAttributes.entry.1.Value.StringValue", kind),
            new("MessageAttributes.entry.2.Name", "total"), new("MessageAttributes.entry.2.Value.DataType", "Number"),
            new("MessageAttributes.entry.2.Value.StringValue", total.ToString(CultureInfo.InvariantCulture)),
        ]));
        return response.IsSuccessStatusCode;
    }

    private async Task<string> CallAsync(string action, List<KeyValuePair<string, string>> form)
    {
        form.Insert(0, new("Version", "2010-03-31"));
        form.Insert(0, new("Action", action));
        using var response = await http.PostAsync(new Uri(endpoint, "/"), new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? body : throw new InvalidOperationException($"{action} answered {(int)response.StatusCode}: {body}");
    }

    private static string Element(string xml, string name) => XDocument.Parse(xml).Descendants().First(e => e.Name.LocalName == name).Value;
}
