using Fulmen.Protocols.Errors;
using Fulmen.Protocols.Query;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Fulmen.Protocols.Tests;

/// <summary>The query protocol's form binder: member lists, structure lists, maps, typed values, AWS's validation errors.</summary>
public sealed class QueryFormTests
{
    [Fact]
    public void Members_NumberedFromOne_StopAtTheFirstGap()
    {
        var form = Form(("Names.member.1", "a"), ("Names.member.2", "b"), ("Names.member.4", "d"));

        Assert.Equal(["a", "b"], form.Members("Names"));
        Assert.Empty(form.Members("Other"));
    }

    [Fact]
    public void StructMembers_PrefixesOfPresentMembers()
    {
        var form = Form(("Targets.member.1.Id", "f1"), ("Targets.member.2.Id", "f2"), ("Targets.member.2.Port", "80"));

        var prefixes = form.StructMembers("Targets");

        Assert.Equal(["Targets.member.1.", "Targets.member.2."], prefixes);
        Assert.Equal("80", form.Optional($"{prefixes[1]}Port"));
    }

    [Fact]
    public void Map_EntryKeyValue()
    {
        var form = Form(("Attributes.entry.1.key", "Policy"), ("Attributes.entry.1.value", "{}"), ("Attributes.entry.2.key", "Empty"));

        Assert.Equal(new Dictionary<string, string> { ["Policy"] = "{}", ["Empty"] = "" }, form.Map("Attributes"));
    }

    [Fact]
    public void Required_Missing_ValidationErrorNamingTheCamelCaseMember()
    {
        var e = Assert.Throws<QueryError>(() => Form().Required("LoadBalancerArn"));

        Assert.Equal((400, "ValidationError"), (e.Error.StatusCode, e.Error.Code));
        Assert.Equal("1 validation error detected: Value null at 'loadBalancerArn' failed to satisfy constraint: Member must not be null", e.Message);
    }

    [Theory]
    [InlineData("80", 80)]
    [InlineData("65535", 65535)]
    public void RequiredInt_InRange_Value(string text, int expected) =>
        Assert.Equal(expected, Form(("Port", text)).RequiredInt("Port", 1, 65535));

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("eighty")]
    public void RequiredInt_OutOfRangeOrNotANumber_ValidationError(string text)
    {
        var e = Assert.Throws<QueryError>(() => Form(("Port", text)).RequiredInt("Port", 1, 65535));

        Assert.Equal($"1 validation error detected: Value '{text}' at 'port' failed to satisfy constraint: Member must have value between 1 and 65535", e.Message);
    }

    [Fact]
    public void OptionalBool_AnyCase_OrValidationError()
    {
        Assert.True(Form(("Enabled", "TRUE")).OptionalBool("Enabled"));
        Assert.Null(Form().OptionalBool("Enabled"));
        Assert.IsAssignableFrom<AwsErrorException>(Assert.Throws<QueryError>(() => Form(("Enabled", "yes")).OptionalBool("Enabled")));
    }

    [Fact]
    public void RequireXmlCharacters_ControlCharacter_ValidationErrorNamingTheMemberAsAwsDoes()
    {
        Form(("Name", "ok\tline\r\n"), ("Subnets.member.1", "subnet-1")).RequireXmlCharacters();

        var e = Assert.Throws<QueryError>(() => Form(("Name", "ok"), ("Tags.member.2.Key", "k\u0001")).RequireXmlCharacters());

        Assert.Equal((400, "ValidationError"), (e.Error.StatusCode, e.Error.Code));
        Assert.Equal("1 validation error detected: Value 'k\u0001' at 'tags.2.member.key' failed to satisfy constraint: " +
            @"Member must satisfy regular expression pattern: [\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD]*", e.Error.Message);
    }

    [Fact]
    public void OptionalEnum_OutsideTheSet_AwsEnumMessage()
    {
        Assert.Equal("internal", Form(("Scheme", "internal")).OptionalEnum("Scheme", "internet-facing", "internal"));
        Assert.Null(Form().OptionalEnum("Scheme", "internet-facing", "internal"));

        var e = Assert.Throws<QueryError>(() => Form(("Scheme", "public")).OptionalEnum("Scheme", "internet-facing", "internal"));

        Assert.Equal("1 validation error detected: Value 'public' at 'scheme' failed to satisfy constraint: Member must satisfy enum value set: [internet-facing, internal]", e.Error.Message);
    }

    private static FormCollection Form(params (string Key, string Value)[] fields) =>
        new(fields.ToDictionary(f => f.Key, f => new StringValues(f.Value), StringComparer.Ordinal));
}
