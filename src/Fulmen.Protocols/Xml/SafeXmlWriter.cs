using System.Xml;

namespace Fulmen.Protocols.Xml;

/// <summary>
/// An <see cref="XmlWriter"/> whose text and attribute values pass through <see cref="XmlChars.Safe"/>: whatever a
/// service stored, its answer can be written. Every XML answer (query results, error envelopes) is written through it.
/// </summary>
public sealed class SafeXmlWriter : XmlWriter
{
    private readonly XmlWriter _inner;

    private SafeXmlWriter(XmlWriter inner) => _inner = inner;

    public static XmlWriter Open(Stream output, XmlWriterSettings settings) => new SafeXmlWriter(Create(output, settings));

    public override WriteState WriteState => _inner.WriteState;
    public override XmlWriterSettings? Settings => _inner.Settings;

    public override void WriteString(string? text) => _inner.WriteString(text is null ? null : XmlChars.Safe(text));
    public override void WriteChars(char[] buffer, int index, int count) => WriteString(new string(buffer, index, count));
    public override void WriteCData(string? text) => _inner.WriteCData(text is null ? null : XmlChars.Safe(text));
    public override void WriteComment(string? text) => _inner.WriteComment(text is null ? null : XmlChars.Safe(text));

    // A character entity for a character XML cannot carry is as invalid as the character itself.
    public override void WriteCharEntity(char ch) => WriteString(ch.ToString());
    public override void WriteSurrogateCharEntity(char lowChar, char highChar) => _inner.WriteSurrogateCharEntity(lowChar, highChar);

    public override void Flush() => _inner.Flush();
    public override string? LookupPrefix(string ns) => _inner.LookupPrefix(ns);
    public override void WriteBase64(byte[] buffer, int index, int count) => _inner.WriteBase64(buffer, index, count);
    public override void WriteDocType(string name, string? pubid, string? sysid, string? subset) => _inner.WriteDocType(name, pubid, sysid, subset);
    public override void WriteEndAttribute() => _inner.WriteEndAttribute();
    public override void WriteEndDocument() => _inner.WriteEndDocument();
    public override void WriteEndElement() => _inner.WriteEndElement();
    public override void WriteEntityRef(string name) => _inner.WriteEntityRef(name);
    public override void WriteFullEndElement() => _inner.WriteFullEndElement();
    public override void WriteProcessingInstruction(string name, string? text) => _inner.WriteProcessingInstruction(name, text);
    public override void WriteRaw(char[] buffer, int index, int count) => _inner.WriteRaw(buffer, index, count);
    public override void WriteRaw(string data) => _inner.WriteRaw(data);
    public override void WriteStartAttribute(string? prefix, string localName, string? ns) => _inner.WriteStartAttribute(prefix, localName, ns);
    public override void WriteStartDocument() => _inner.WriteStartDocument();
    public override void WriteStartDocument(bool standalone) => _inner.WriteStartDocument(standalone);
    public override void WriteStartElement(string? prefix, string localName, string? ns) => _inner.WriteStartElement(prefix, localName, ns);
    public override void WriteWhitespace(string? ws) => _inner.WriteWhitespace(ws);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }
        base.Dispose(disposing);
    }
}
