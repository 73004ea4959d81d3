using Fulmen.Buckets.Model;

namespace Fulmen.Buckets.Api;

public sealed partial class S3Api
{
    private async Task ListBucketsAsync(S3Request r)
    {
        var all = buckets.All.OrderBy(b => b.Name, StringComparer.Ordinal).ToList();
        var prefix = r.QueryValue("prefix");
        if (prefix is not null)
        {
            all = [.. all.Where(b => b.Name.StartsWith(prefix, StringComparison.Ordinal))];
        }
        await S3Xml.WriteAsync(r.Context, "ListAllMyBucketsResult", xml =>
        {
            xml.Owner();
            xml.WriteStartElement("Buckets");
            foreach (var bucket in all)
            {
                xml.WriteStartElement("Bucket");
                xml.WriteElementString("Name", bucket.Name);
                xml.WriteElementString("CreationDate", S3Xml.Timestamp(bucket.CreatedAt));
                xml.WriteElementString("BucketRegion", bucket.Region);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.Element("Prefix", prefix);
        });
    }

    private async Task CreateBucketAsync(S3Request r)
    {
        var name = r.Bucket!;
        if (!BucketNames.IsValid(name))
        {
            throw S3Errors.InvalidBucketName(name);
        }
        var configuration = await S3Xml.ReadAsync(r.Request, optional: true);
        var region = configuration.Element("LocationConstraint")?.Value is { Length: > 0 } constraint ? constraint : account.Region;
        var (_, created) = await buckets.CreateAsync(new BucketRecord(name, Guid.NewGuid().ToString("N"), region, time.GetUtcNow()), r.Aborted);
        if (!created)
        {
            throw S3Errors.BucketAlreadyOwnedByYou(name);
        }
        r.Response.Headers.Location = "/" + name;
        await EmptyAsync(r);
    }

    private async Task HeadBucketAsync(S3Request r)
    {
        var bucket = await BucketAsync(r);
        r.Response.Headers["x-amz-bucket-region"] = bucket.Region;
        await EmptyAsync(r);
    }

    private async Task GetBucketLocationAsync(S3Request r)
    {
        var bucket = await BucketAsync(r);
        // us-east-1 answers an empty constraint, as S3 does.
        await S3Xml.WriteAsync(r.Context, "LocationConstraint", xml =>
        {
            if (bucket.Region != "us-east-1")
            {
                xml.WriteString(bucket.Region);
            }
        });
    }

    private async Task GetBucketVersioningAsync(S3Request r)
    {
        await BucketAsync(r);
        await S3Xml.WriteAsync(r.Context, "VersioningConfiguration", _ => { });
    }

    private async Task DeleteBucketAsync(S3Request r)
    {
        var bucket = await BucketAsync(r);
        if (!await objects.IsEmptyAsync(bucket, r.Aborted))
        {
            throw S3Errors.BucketNotEmpty(bucket.Name);
        }
        await buckets.DeleteAsync(bucket.Name, bucket.Id, r.Aborted);
        await AbortAllUploadsAsync(bucket, r.Aborted);
        await EmptyAsync(r, 204);
    }

    private async Task PutBucketTaggingAsync(S3Request r)
    {
        await BucketAsync(r);
        var tags = Tags.Parse(await S3Xml.ReadAsync(r.Request), max: 50);
        _ = await buckets.ChangeAsync(r.Bucket!, b => b with { Tags = tags }, r.Aborted) ?? throw S3Errors.NoSuchBucket(r.Bucket!);
        await EmptyAsync(r, 204);
    }

    private async Task GetBucketTaggingAsync(S3Request r)
    {
        var bucket = await BucketAsync(r);
        if (bucket.Tags is not { Count: > 0 } tags)
        {
            throw S3Errors.Error(404, "NoSuchTagSet", "The TagSet does not exist", ("BucketName", bucket.Name));
        }
        await S3Xml.WriteAsync(r.Context, "Tagging", xml => Tags.Write(xml, tags));
    }

    private async Task DeleteBucketTaggingAsync(S3Request r)
    {
        await BucketAsync(r);
        await buckets.ChangeAsync(r.Bucket!, b => b with { Tags = null }, r.Aborted);
        await EmptyAsync(r, 204);
    }
}
