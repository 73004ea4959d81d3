using System.Globalization;
using System.Text;
using System.Text.Json;
using Fulmen.Buckets.Model;

namespace Fulmen.Buckets.Api;

public sealed partial class S3Api
{
    private async Task PutBucketPolicyAsync(S3Request r)
    {
        await BucketAsync(r);
        using var reader = new StreamReader(r.Request.Body, Encoding.UTF8);
        var policy = await reader.ReadToEndAsync(r.Aborted);
        if (!policy.TrimStart().StartsWith('{') || !IsJsonObject(policy))
        {
            throw S3Errors.Error(400, "MalformedPolicy", "Policies must be valid JSON and the first byte must be '{'");
        }
        await buckets.ChangeAsync(r.Bucket!, b => b with { Policy = policy }, r.Aborted);
        await EmptyAsync(r, 204);
    }

    private async Task GetBucketPolicyAsync(S3Request r)
    {
        var bucket = await BucketAsync(r);
        if (bucket.Policy is not { } policy)
        {
            throw S3Errors.Error(404, "NoSuchBucketPolicy", "The bucket policy does not exist", ("BucketName", bucket.Name));
        }
        var bytes = Encoding.UTF8.GetBytes(policy);
        r.Response.ContentType = "application/json";
        r.Response.ContentLength = bytes.Length;
        await r.Response.Body.WriteAsync(bytes, r.Aborted);
    }

    private async Task DeleteBucketPolicyAsync(S3Request r)
    {
        await BucketAsync(r);
        await buckets.ChangeAsync(r.Bucket!, b => b with { Policy = null }, r.Aborted);
        await EmptyAsync(r, 204);
    }

    private async Task PutBucketCorsAsync(S3Request r)
    {
        await BucketAsync(r);
        var configuration = await S3Xml.ReadAsync(r.Request);
        var rules = new List<CorsRule>();
        foreach (var rule in configuration.Elements("CORSRule"))
        {
            List<string> Values(string name) => [.. rule.Elements(name).Select(e => e.Value.Trim())];
            var methods = Values("AllowedMethod");
            var origins = Values("AllowedOrigin");
            if (methods.Count == 0 || origins.Count == 0)
            {
                throw S3Errors.MalformedXml();
            }
            if (methods.FirstOrDefault(m => m is not ("GET" or "PUT" or "POST" or "DELETE" or "HEAD")) is { } unsupported)
            {
                throw S3Errors.InvalidRequest($"Found unsupported HTTP method in CORS config. Unsupported method is {unsupported}");
            }
            int? maxAge = int.TryParse(rule.Element("MaxAgeSeconds")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var age) ? age : null;
            rules.Add(new CorsRule(rule.Element("ID")?.Value, origins, methods, Values("AllowedHeader"), Values("ExposeHeader"), maxAge));
        }
        if (rules.Count is 0 or > 100)
        {
            throw S3Errors.MalformedXml();
        }
        await buckets.ChangeAsync(r.Bucket!, b => b with { Cors = rules }, r.Aborted);
        await EmptyAsync(r);
    }

    private async Task GetBucketCorsAsync(S3Request r)
    {
        var bucket = await BucketAsync(r);
        if (bucket.Cors is not { Count: > 0 } rules)
        {
            throw S3Errors.Error(404, "NoSuchCORSConfiguration", "The CORS configuration does not exist", ("BucketName", bucket.Name));
        }
        await S3Xml.WriteAsync(r.Context, "CORSConfiguration", xml =>
        {
            foreach (var rule in rules)
            {
                xml.WriteStartElement("CORSRule");
                xml.Element("ID", rule.Id);
                rule.AllowedHeaders.ForEach(h => xml.WriteElementString("AllowedHeader", h));
                rule.AllowedMethods.ForEach(m => xml.WriteElementString("AllowedMethod", m));
                rule.AllowedOrigins.ForEach(o => xml.WriteElementString("AllowedOrigin", o));
                rule.ExposeHeaders.ForEach(h => xml.WriteElementString("ExposeHeader", h));
                if (rule.MaxAgeSeconds is { } maxAge)
                {
                    xml.Element("MaxAgeSeconds", maxAge);
                }
                xml.WriteEndElement();
            }
        });
    }

    private async Task DeleteBucketCorsAsync(S3Request r)
    {
        await BucketAsync(r);
        await buckets.ChangeAsync(r.Bucket!, b => b with { Cors = null }, r.Aborted);
        await EmptyAsync(r, 204);
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
