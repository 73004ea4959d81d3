using System.Xml;
using System.Xml.Linq;

namespace Fulmen.Buckets.Api;

/// <summary>Tag sets of buckets and objects: S3's limits, and the <c>&lt;Tagging&gt;&lt;TagSet&gt;</c> document both directions.</summary>
internal static class Tags
{
    public static void Validate(Dictionary<string, string> tags, int max = 10)
    {
        if (tags.Count > max)
        {
            throw S3Errors.Error(400, "BadRequest", "Object tags cannot be greater than 10");
        }
        foreach (var (key, value) in tags)
        {
            if (key.Length is 0 or > 128)
            {
                throw S3Errors.Error(400, "InvalidTag", "The TagKey you have provided is invalid", ("TagKey", key));
            }
            if (value.Length > 256)
            {
                throw S3Errors.Error(400, "InvalidTag", "The TagValue you have provided is invalid", ("TagKey", key), ("TagValue", value));
            }
            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw S3Errors.Error(400, "InvalidTag", "Your TagKey cannot be prefixed with aws:", ("TagKey", key));
            }
        }
    }

    public static Dictionary<string, string> Parse(XElement tagging, int max)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tagging.Element("TagSet")?.Elements("Tag") ?? [])
        {
            var key = tag.Element("Key")?.Value ?? throw S3Errors.MalformedXml();
            if (!tags.TryAdd(key, tag.Element("Value")?.Value ?? ""))
            {
                throw S3Errors.Error(400, "InvalidTag", "Cannot provide multiple Tags with the same key", ("TagKey", key));
            }
        }
        Validate(tags, max);
        return tags;
    }

    public static void Write(XmlWriter xml, Dictionary<string, string>? tags)
    {
        xml.WriteStartElement("TagSet");
        foreach (var (key, value) in tags ?? [])
        {
            xml.WriteStartElement("Tag");
            xml.WriteElementString("Key", key);
            xml.WriteElementString("Value", value);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    }
}
