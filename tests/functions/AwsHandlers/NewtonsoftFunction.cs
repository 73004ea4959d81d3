using Amazon.Lambda.Core;
using Newtonsoft.Json;

namespace AwsHandlers;

/// <summary>A handler on AWS's Newtonsoft.Json serializer (Amazon.Lambda.Serialization.Json), named on the method.</summary>
public class NewtonsoftFunction
{
    [LambdaSerializer(typeof(Amazon.Lambda.Serialization.Json.JsonSerializer))]
    public Customer Rename(Customer customer) => new() { FullName = customer.FullName.ToUpperInvariant(), Tier = customer.Tier + 1 };
}

public class Customer
{
    // Newtonsoft's attribute: only that serializer reads and writes this name.
    [JsonProperty("full_name")]
    public string FullName { get; set; }

    [JsonProperty("tier")]
    public int Tier { get; set; }
}
