namespace Fulmen.Lambda.SimpleEmailEvents.Actions;

/// <summary>The receipt-rule action an SES receipt reports (Lambda, S3, …).</summary>
public interface IReceiptAction
{
    /// <summary>The action type, e.g. <c>Lambda</c> or <c>S3</c>.</summary>
    string? Type { get; set; }
}
