using System.Text;
using System.Text.Json;
using System.Xml;
using Fulmen.Protocols.Json;
using Fulmen.Protocols.Xml;

namespace Fulmen.Protocols.Tests;

/// <summary>Text XML cannot carry becomes U+FFFD on the way out; nulls inside request lists are found with AWS's names.</summary>
public sealed class XmlCharsTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("tab\tcr\rlf\n", "tab\tcr\rlf\n")]
    [InlineData("a\u0000b\u0001c\u001fd", "a\uFFFDb\uFFFDc\uFFFDd")]
    [InlineData("\uFFFE\uFFFF", "\uFFFD\uFFFD")]
    [InlineData("pair \uD83D\uDE00 kept", "pair \uD83D\uDE00 kept")]
    public void Safe_ReplacesOnlyWhatXmlCannotCarry(string value, string expected)
    {
        Assert.Equal(expected, XmlChars.Safe(value));
        Assert.Equal(value == expected, XmlChars.IsSafe(value));
    }

    [Fact]
    public void Safe_UnpairedSurrogates_Replaced()
    {
        // Not in [InlineData]: attribute strings are stored as UTF-8, where an unpaired surrogate cannot survive.
        var value = "lone \uD83D high, lone \uDE00 low, last \uD83D";

        Assert.Equal("lone \uFFFD high, lone \uFFFD low, last \uFFFD", XmlChars.Safe(value));
        Assert.False(XmlChars.IsSafe(value));
    }

    [Fact]
    public void SafeXmlWriter_ElementsAndAttributesWithControlCharacters_WellFormedDocument()
    {
        using var buffer = new MemoryStream();
        using (var xml = SafeXmlWriter.Open(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartElement("Root");
            xml.WriteAttributeString("name", "a\u0001");
            xml.WriteElementString("SubnetId", "subnet-\u0000\uD800");
            xml.WriteEndElement();
        }

        var document = new XmlDocument();
        document.LoadXml(Encoding.UTF8.GetString(buffer.ToArray()));
        Assert.Equal("a\uFFFD", document.DocumentElement!.GetAttribute("name"));
        Assert.Equal("subnet-\uFFFD\uFFFD", document.DocumentElement.InnerText);
    }

    [Theory]
    [InlineData("""{"Cors":{"AllowOrigins":[null]}}""", "cors.allowOrigins", "[null]")]
    [InlineData("""{"binaryMediaTypes":["image/png",null,3]}""", "binaryMediaTypes", "[image/png, null, 3]")]
    [InlineData("""{"patchOperations":[{"op":"add","path":"/a","list":["x",null]}]}""", "patchOperations.1.member.list", "[x, null]")]
    public void NullInList_Found_WithAwsPathAndValue(string json, string path, string value)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(new NullInList(path, value), NullInList.Find(document.RootElement));
    }

    [Fact]
    public void NullInList_BesideAnUnpairedSurrogateEscape_QuotesItsJsonText()
    {
        using var document = JsonDocument.Parse("""{"L":["\ud800",null]}""");

        Assert.Equal(new NullInList("l", @"[\ud800, null]"), NullInList.Find(document.RootElement));
    }

    [Fact]
    public void NullInList_NullMembersOutsideLists_NotReported()
    {
        using var document = JsonDocument.Parse("""{"Cors":null,"Tags":{"a":null},"List":["x"]}""");

        Assert.Null(NullInList.Find(document.RootElement));
    }
}
