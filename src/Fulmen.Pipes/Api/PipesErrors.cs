using System.Text.Json;
using Fulmen.Protocols.Errors;

namespace Fulmen.Pipes.Api;

/// <summary>Pipes' errors as AWS's model shapes them: ValidationException with a fieldList, NotFoundException, ConflictException.</summary>
public static class PipesErrors
{
    public static AwsErrorException NotFound(string name) =>
        new(new AwsError(404, "NotFoundException", $"Pipe {name} does not exist."));

    public static AwsErrorException Conflict(string name, string message) =>
        new(new AwsError(409, "ConflictException", message)
        {
            TrailingFields = [new("resourceId", name), new("resourceType", "pipe")],
        });

    public static AwsErrorException AlreadyExists(string name) => Conflict(name, $"Pipe {name} already exists.");

    /// <summary>One field's problem, worded as AWS's request validation words it.</summary>
    public static AwsErrorException Field(string field, string problem) =>
        Validation($"1 validation error detected: {problem}", (field, problem));

    /// <summary>A value that does not satisfy a model constraint of <paramref name="field"/>.</summary>
    public static AwsErrorException Constraint(string field, string? value, string constraint) =>
        Field(field, $"Value {(value is null ? "null" : $"'{value}'")} at '{field}' failed to satisfy constraint: {constraint}");

    public static AwsErrorException Missing(string field) =>
        Field(field, $"Value null at '{field}' failed to satisfy constraint: Member must not be null");

    public static AwsErrorException Validation(string message, params (string Name, string Message)[] fields)
    {
        var list = JsonSerializer.Serialize(fields.Select(f => new Dictionary<string, string> { ["name"] = f.Name, ["message"] = f.Message }).ToArray(),
            PipesApiJsonContext.Default.DictionaryStringStringArray);
        return new(new AwsError(400, "ValidationException", message) { TrailingJsonFields = [new("fieldList", list)] });
    }

    /// <summary>A body that is not a JSON object.</summary>
    public static AwsErrorException Serialization() => Validation("The request body is not a valid JSON object.");
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>[]))]
internal sealed partial class PipesApiJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
