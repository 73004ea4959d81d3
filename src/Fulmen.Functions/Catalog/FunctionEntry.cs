using Fulmen.Execution.Environments;
using Fulmen.Storage.Functions;

namespace Fulmen.Functions.Catalog;

/// <summary>A function as the invoke path needs it: the record, its ARN and the spec its environments run.</summary>
public sealed record FunctionEntry(FunctionRecord Record, string Arn, EnvironmentSpec Spec);
