using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Fulmen.Storage.Functions;
using Fulmen.Protocols.Arns;

namespace Fulmen.Functions.Permissions;

/// <summary>
/// A function's resource-based policy as AWS shows it: AddPermission's <c>Statement</c> and GetPolicy's
/// <c>Policy</c>, both JSON documents carried as strings. Members come in AWS's order.
/// </summary>
public static class PolicyDocument
{
    public const string Version = "2012-10-17";
    public const string Id = "default";

    // ARNs and role names keep '+', '=' and '@' readable, as AWS writes them.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One statement, e.g. <c>{"Sid":"s3","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},…}</c>.</summary>
    public static string Statement(PolicyStatementRecord statement, string functionArn) =>
        Write(writer => WriteStatement(writer, statement, functionArn));

    /// <summary>
    /// The policy of one qualifier (null or <c>$LATEST</c>: the unqualified function): <c>{"Version":…,"Id":"default","Statement":[…]}</c>
    /// with the statements that belong to it, in the order they were added.
    /// </summary>
    public static string Policy(IReadOnlyList<PolicyStatementRecord> statements, string functionArn, string? qualifier) =>
        Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("Version", Version);
            writer.WriteString("Id", Id);
            writer.WriteStartArray("Statement");
            foreach (var statement in statements)
            {
                if (PolicyEvaluator.Covers(statement, qualifier))
                {
                    WriteStatement(writer, statement, functionArn);
                }
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    private static void WriteStatement(Utf8JsonWriter writer, PolicyStatementRecord statement, string functionArn)
    {
        writer.WriteStartObject();
        writer.WriteString("Sid", statement.Sid);
        writer.WriteString("Effect", "Allow");
        WritePrincipal(writer, statement.Principal, functionArn);
        writer.WriteString("Action", statement.Action);
        writer.WriteString("Resource", statement.Qualifier is null or "$LATEST" ? functionArn : $"{functionArn}:{statement.Qualifier}");
        WriteCondition(writer, statement);
        writer.WriteEndObject();
    }

    private static void WritePrincipal(Utf8JsonWriter writer, string principal, string functionArn)
    {
        switch (Principals.Classify(principal))
        {
            case PrincipalKind.Anyone:
                writer.WriteString("Principal", "*");
                return;
            case PrincipalKind.Service:
                writer.WriteStartObject("Principal");
                writer.WriteString("Service", principal);
                writer.WriteEndObject();
                return;
            case PrincipalKind.Account:
                writer.WriteStartObject("Principal");
                writer.WriteString("AWS", $"arn:{Partition(functionArn)}:iam::{principal}:root");
                writer.WriteEndObject();
                return;
            default:
                writer.WriteStartObject("Principal");
                writer.WriteString("AWS", principal);
                writer.WriteEndObject();
                return;
        }
    }

    /// <summary>All conditions merged into one object: StringEquals keys first, then ArnLike, as AWS lists them.</summary>
    private static void WriteCondition(Utf8JsonWriter writer, PolicyStatementRecord statement)
    {
        var equals = statement.SourceAccount is not null || statement.EventSourceToken is not null
            || statement.FunctionUrlAuthType is not null || statement.PrincipalOrgId is not null;
        if (!equals && statement.SourceArn is null)
        {
            return;
        }
        writer.WriteStartObject("Condition");
        if (equals)
        {
            writer.WriteStartObject("StringEquals");
            WriteIfSet(writer, "AWS:SourceAccount", statement.SourceAccount);
            WriteIfSet(writer, "lambda:EventSourceToken", statement.EventSourceToken);
            WriteIfSet(writer, "lambda:FunctionUrlAuthType", statement.FunctionUrlAuthType);
            WriteIfSet(writer, "aws:PrincipalOrgID", statement.PrincipalOrgId);
            writer.WriteEndObject();
        }
        if (statement.SourceArn is not null)
        {
            writer.WriteStartObject("ArnLike");
            writer.WriteString("AWS:SourceArn", statement.SourceArn);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string key, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(key, value);
        }
    }

    /// <summary><c>aws</c> from <c>arn:aws:lambda:…</c>; account principals are IAM ARNs in the function's partition.</summary>
    private static string Partition(string functionArn) => Arn.TryParse(functionArn, out var arn) ? arn.Partition : "aws";

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
