namespace Fulmen.Lambda.ConnectEvents;

/// <summary>
/// What a function returns to an Amazon Connect flow with <c>STRING_MAP</c> response validation: flat string
/// key/values, read in the flow as <c>$.External.key</c>. With <c>JSON</c> validation any serializable object will do.
/// </summary>
public class ContactFlowResponse : Dictionary<string, string>
{
    public ContactFlowResponse()
        : base(StringComparer.Ordinal)
    {
    }

    public ContactFlowResponse(IDictionary<string, string> values)
        : base(values, StringComparer.Ordinal)
    {
    }
}
