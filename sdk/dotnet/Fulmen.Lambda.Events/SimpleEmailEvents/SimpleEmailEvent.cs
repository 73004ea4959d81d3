using Fulmen.Lambda.SimpleEmailEvents.Actions;

namespace Fulmen.Lambda.SimpleEmailEvents;

/// <summary>An SES receiving event of a Lambda action.</summary>
[Obsolete("Use SimpleEmailEvent<LambdaReceiptAction>.")]
public class SimpleEmailEvent : SimpleEmailEvent<LambdaReceiptAction>
{
}
