using System.Text.Json.Serialization;

namespace Fulmen.Lambda.LexV2Events;

/// <summary>The Amazon Kendra <c>Query</c> result a Lex V2 <c>AMAZON.KendraSearchIntent</c> passes to the function.</summary>
public class KendraResponse
{
    [JsonPropertyName("FacetResults")]
    public IList<FacetResult>? FacetResults { get; set; }

    [JsonPropertyName("QueryId")]
    public string? QueryId { get; set; }

    [JsonPropertyName("ResultItems")]
    public IList<QueryResultItem>? ResultItems { get; set; }

    [JsonPropertyName("SpellCorrectedQueries")]
    public IList<SpellCorrectedQuery>? SpellCorrectedQueries { get; set; }

    /// <summary>How many items the search found (at most 100 can be retrieved).</summary>
    [JsonPropertyName("TotalNumberOfResults")]
    public int TotalNumberOfResults { get; set; }

    [JsonPropertyName("Warnings")]
    public IList<Warning>? Warnings { get; set; }

    /// <summary>The counts of one facet's values.</summary>
    public class FacetResult
    {
        [JsonPropertyName("DocumentAttributeKey")]
        public string? DocumentAttributeKey { get; set; }

        [JsonPropertyName("DocumentAttributeValueCountPairs")]
        public IList<DocumentAttributeValueCountPair>? DocumentAttributeValueCountPairs { get; set; }

        /// <summary><c>STRING_VALUE</c>, <c>STRING_LIST_VALUE</c>, <c>LONG_VALUE</c> or <c>DATE_VALUE</c>.</summary>
        [JsonPropertyName("DocumentAttributeValueType")]
        public string? DocumentAttributeValueType { get; set; }
    }

    /// <summary>An attribute value and how many documents have it.</summary>
    public class DocumentAttributeValueCountPair
    {
        [JsonPropertyName("Count")]
        public int? Count { get; set; }

        [JsonPropertyName("DocumentAttributeValue")]
        public DocumentAttributeValue? DocumentAttributeValue { get; set; }
    }

    /// <summary>The value of a document attribute; one member is set.</summary>
    public class DocumentAttributeValue
    {
        [JsonPropertyName("DateValue")]
        public DateTime? DateValue { get; set; }

        [JsonPropertyName("LongValue")]
        public long? LongValue { get; set; }

        [JsonPropertyName("StringListValue")]
        public IList<string>? StringListValue { get; set; }

        [JsonPropertyName("StringValue")]
        public string? StringValue { get; set; }
    }

    /// <summary>A query with suggested spelling corrections.</summary>
    public class SpellCorrectedQuery
    {
        [JsonPropertyName("Corrections")]
        public IList<Correction>? Corrections { get; set; }

        [JsonPropertyName("SuggestedQueryText")]
        public string? SuggestedQueryText { get; set; }
    }

    /// <summary>One corrected word of a query.</summary>
    public class Correction
    {
        [JsonPropertyName("BeginOffset")]
        public int? BeginOffset { get; set; }

        [JsonPropertyName("CorrectedTerm")]
        public string? CorrectedTerm { get; set; }

        [JsonPropertyName("EndOffset")]
        public int? EndOffset { get; set; }

        [JsonPropertyName("Term")]
        public string? Term { get; set; }
    }

    /// <summary>A problem with the query, such as invalid syntax.</summary>
    public class Warning
    {
        [JsonPropertyName("Code")]
        public string? Code { get; set; }

        [JsonPropertyName("Message")]
        public string? Message { get; set; }
    }

    /// <summary>One search result: a document, a question and answer, or an answer excerpt.</summary>
    public class QueryResultItem
    {
        [JsonPropertyName("AdditionalAttributes")]
        public IList<AdditionalResultAttribute>? AdditionalAttributes { get; set; }

        [JsonPropertyName("DocumentAttributes")]
        public IList<DocumentAttribute>? DocumentAttributes { get; set; }

        [JsonPropertyName("DocumentExcerpt")]
        public TextWithHighlights? DocumentExcerpt { get; set; }

        [JsonPropertyName("DocumentId")]
        public string? DocumentId { get; set; }

        [JsonPropertyName("DocumentTitle")]
        public TextWithHighlights? DocumentTitle { get; set; }

        [JsonPropertyName("DocumentURI")]
        public string? DocumentURI { get; set; }

        [JsonPropertyName("FeedbackToken")]
        public string? FeedbackToken { get; set; }

        [JsonPropertyName("Id")]
        public string? Id { get; set; }

        [JsonPropertyName("ScoreAttributes")]
        public ScoreAttributes? ScoreAttributes { get; set; }

        /// <summary><c>DOCUMENT</c>, <c>QUESTION_ANSWER</c> or <c>ANSWER</c>.</summary>
        [JsonPropertyName("Type")]
        public string? Type { get; set; }
    }

    /// <summary>An extra attribute of a result, such as a suggested answer.</summary>
    public class AdditionalResultAttribute
    {
        [JsonPropertyName("Key")]
        public string? Key { get; set; }

        [JsonPropertyName("Value")]
        public AdditionalResultAttributeValue? Value { get; set; }

        [JsonPropertyName("ValueType")]
        public string? ValueType { get; set; }
    }

    /// <summary>The value of an extra result attribute.</summary>
    public class AdditionalResultAttributeValue
    {
        [JsonPropertyName("TextWithHighlightsValue")]
        public TextWithHighlights? TextWithHighlightsValue { get; set; }
    }

    /// <summary>A custom attribute of a document.</summary>
    public class DocumentAttribute
    {
        [JsonPropertyName("Key")]
        public string? Key { get; set; }

        [JsonPropertyName("Value")]
        public DocumentAttributeValue? Value { get; set; }
    }

    /// <summary>Text and the ranges of it to highlight.</summary>
    public class TextWithHighlights
    {
        [JsonPropertyName("Highlights")]
        public IList<Highlight>? Highlights { get; set; }

        [JsonPropertyName("Text")]
        public string? Text { get; set; }
    }

    /// <summary>A range of text to highlight.</summary>
    public class Highlight
    {
        [JsonPropertyName("BeginOffset")]
        public int BeginOffset { get; set; }

        [JsonPropertyName("EndOffset")]
        public int EndOffset { get; set; }

        [JsonPropertyName("TopAnswer")]
        public bool TopAnswer { get; set; }

        /// <summary><c>STANDARD</c> or <c>THESAURUS_SYNONYM</c>.</summary>
        [JsonPropertyName("Type")]
        public string? Type { get; set; }
    }

    /// <summary>How confident Kendra is that a result matches the query.</summary>
    public class ScoreAttributes
    {
        /// <summary><c>VERY_HIGH</c>, <c>HIGH</c>, <c>MEDIUM</c>, <c>LOW</c> or <c>NOT_AVAILABLE</c>.</summary>
        [JsonPropertyName("ScoreConfidence")]
        public string? ScoreConfidence { get; set; }
    }
}
