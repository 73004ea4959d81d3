using System.Text.Json.Nodes;

namespace Fulmen.Server.Tests.Fuzz;

/// <summary>Valid EventBridge Pipes requests (rest-json) against <see cref="FuzzResources"/>'s pipe, queue and function.</summary>
internal static class PipeSeeds
{
    public static bool For(string operation, Seed seed, FuzzResources r, Random random)
    {
        switch (operation)
        {
            case "CreatePipe":
                seed.Json = new JsonObject
                {
                    ["RoleArn"] = Infrastructure.TestFunctions.Role, ["Source"] = r.QueueArn, ["Target"] = random.Next(2) == 0 ? r.FunctionArn : r.QueueArn,
                    ["DesiredState"] = "STOPPED", ["Description"] = "d",
                    ["SourceParameters"] = new JsonObject
                    {
                        ["SqsQueueParameters"] = new JsonObject { ["BatchSize"] = 5, ["MaximumBatchingWindowInSeconds"] = 1 },
                        ["FilterCriteria"] = new JsonObject { ["Filters"] = new JsonArray(new JsonObject { ["Pattern"] = """{"body":{"k":["v"]}}""" }) },
                    },
                    ["Enrichment"] = r.FunctionArn,
                    ["EnrichmentParameters"] = new JsonObject { ["InputTemplate"] = """{"b": <$.body>}""" },
                    ["TargetParameters"] = new JsonObject
                    {
                        ["InputTemplate"] = """{"pipe": "<aws.pipes.pipe-name>"}""",
                        ["LambdaFunctionParameters"] = new JsonObject { ["InvocationType"] = "FIRE_AND_FORGET" },
                    },
                    ["Tags"] = new JsonObject { ["k"] = "v" },
                };
                return true;
            case "UpdatePipe":
                seed.Json = new JsonObject
                {
                    ["RoleArn"] = Infrastructure.TestFunctions.Role, ["Description"] = "u", ["DesiredState"] = "STOPPED",
                    ["SourceParameters"] = new JsonObject { ["SqsQueueParameters"] = new JsonObject { ["BatchSize"] = 3 } },
                };
                return true;
            case "TagResource":
                seed.Json = new JsonObject { ["tags"] = new JsonObject { ["k"] = "v" } };
                return true;
            case "UntagResource":
                seed.Query.Add(new("tagKeys", "k"));
                return true;
            case "ListPipes":
                if (random.Next(2) == 0)
                {
                    seed.Query.Add(new("NamePrefix", r.Prefix));
                    seed.Query.Add(new("Limit", "10"));
                }
                return true;
            case "DescribePipe" or "DeletePipe" or "StartPipe" or "StopPipe" or "ListTagsForResource":
                return true;
            default:
                return false;
        }
    }
}
