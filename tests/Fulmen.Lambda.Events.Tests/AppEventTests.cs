using System.Text.Json;
using System.Text.Json.Nodes;
using Fulmen.Lambda.CloudFormationEvents;
using Fulmen.Lambda.CognitoEvents;
using Fulmen.Lambda.ConnectEvents;
using Fulmen.Lambda.LexV2Events;
using Fulmen.Lambda.SecretsManagerEvents;
using Fulmen.Lambda.Serialization.SystemTextJson;

namespace Fulmen.Lambda.Events.Tests;

public sealed class AppEventCases : EventCases
{
    public override IEnumerable<(string Fixture, Type Model)> Cases =>
    [
        ("cloudformation-custom-resource.json", typeof(CloudFormationCustomResourceRequest)),
        ("cloudformation-custom-resource.response.json", typeof(CloudFormationCustomResourceResponse)),
        ("cognito-user-pool.json", typeof(CognitoPreSignupEvent)),
        ("cognito-user-pool.response.json", typeof(CognitoPreSignupEvent)),
        ("connect.json", typeof(ContactFlowEvent)),
        ("connect.response.json", typeof(ContactFlowResponse)),
        ("lex-v2.json", typeof(LexV2Event)),
        ("lex-v2.response.json", typeof(LexV2Response)),
        ("secrets-manager-rotation.json", typeof(SecretsManagerRotationEvent)),
    ];
}

public sealed class AppEventTests
{
    private static readonly JsonSerializerOptions Options = new DefaultLambdaJsonSerializer().Options;

    public static TheoryData<string, Type> Examples => EventCases.Of<AppEventCases>();

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_RoundTrips(string fixture, Type model) => EventJson.AssertRoundTrips(fixture, model);

    [Fact]
    public void CloudFormationRequest_ExposesPropertiesOldAndNew()
    {
        var request = Read<CloudFormationCustomResourceRequest>("cloudformation-custom-resource.json");

        Assert.Equal("Update", request.RequestType);
        Assert.Equal("Custom::TenantConfig", request.ResourceType);
        Assert.Equal("tenant-config-acme", request.PhysicalResourceId);
        Assert.StartsWith("https://cloudformation-custom-resource-response-euwest1.s3.", request.ResponseURL, StringComparison.Ordinal);
        Assert.Equal("gold", request.ResourceProperties!["Tier"].GetString());
        Assert.Equal("silver", request.OldResourceProperties!["Tier"].GetString());
        Assert.Equal(request.ServiceToken, request.ResourceProperties["ServiceToken"].GetString());
    }

    [Fact]
    public void CloudFormationResponse_BuiltInCode_WritesWhatCloudFormationExpects()
    {
        var request = Read<CloudFormationCustomResourceRequest>("cloudformation-custom-resource.json");
        var response = new CloudFormationCustomResourceResponse
        {
            Status = "SUCCESS",
            Reason = "Tier updated",
            PhysicalResourceId = request.PhysicalResourceId,
            StackId = request.StackId,
            RequestId = request.RequestId,
            LogicalResourceId = request.LogicalResourceId,
            NoEcho = false,
            Data = new Dictionary<string, object> { ["TenantArn"] = "arn:example:tenant/acme", ["Tier"] = "gold" },
        };

        AssertWritesAs("cloudformation-custom-resource.response.json", response);
        var minimal = JsonSerializer.Serialize(new CloudFormationCustomResourceResponse { Status = "FAILED", Reason = "boom" }, Options);
        Assert.Equal("""{"Status":"FAILED","Reason":"boom"}""", minimal);
    }

    [Fact]
    public void CognitoPreSignup_ExposesRequestAndReturnsResponse()
    {
        var signup = Read<CognitoPreSignupEvent>("cognito-user-pool.json");

        Assert.Equal("1", signup.Version);
        Assert.Equal("PreSignUp_SignUp", signup.TriggerSource);
        Assert.Equal("eu-west-1_Q1w2E3r4T", signup.UserPoolId);
        Assert.Equal("5q6w7e8r9t0y1u2i3o4p5a6s7d", signup.CallerContext!.ClientId);
        Assert.Equal("new.user@example.org", signup.Request!.UserAttributes!["email"]);
        Assert.Equal("spring-campaign", signup.Request.ValidationData!["referral"]);
        Assert.Equal("mobile", signup.Request.ClientMetadata!["signupSource"]);
        Assert.False(signup.Response!.AutoConfirmUser);

        signup.Response.AutoConfirmUser = true;
        signup.Response.AutoVerifyEmail = true;

        AssertWritesAs("cognito-user-pool.response.json", signup);
    }

    [Fact]
    public void CognitoTriggers_ReadTheirOwnRequestAndResponse()
    {
        var define = JsonSerializer.Deserialize<CognitoDefineAuthChallengeEvent>(
            """
            {"version":"1","triggerSource":"DefineAuthChallenge_Authentication","request":{"userAttributes":{},
             "session":[{"challengeName":"CUSTOM_CHALLENGE","challengeResult":true,"challengeMetadata":null}],"userNotFound":false},
             "response":{"challengeName":null,"issueTokens":null,"failAuthentication":null}}
            """, Options)!;
        Assert.True(define.Request!.Session![0].ChallengeResult);
        Assert.False(define.Request.UserNotFound);
        Assert.Null(define.Response!.IssueTokens);
        define.Response.IssueTokens = true;
        define.Response.FailAuthentication = false;
        var written = JsonNode.Parse(JsonSerializer.Serialize(define, Options))!["response"]!;
        Assert.Equal("""{"issueTokens":true,"failAuthentication":false}""", written.ToJsonString());

        var migrate = JsonSerializer.Deserialize<CognitoMigrateUserEvent>(
            """
            {"version":"1","triggerSource":"UserMigration_Authentication","userName":"jdoe",
             "request":{"password":"pw","validationData":{"k":"v"}},"response":{"userAttributes":null,"enableSMSMFA":null}}
            """, Options)!;
        Assert.Equal("pw", migrate.Request!.Password);
        Assert.Null(migrate.Request.UserAttributes);
        migrate.Response!.UserAttributes = new() { ["email"] = "jdoe@example.org" };
        migrate.Response.FinalUserStatus = "CONFIRMED";
        migrate.Response.MessageAction = "SUPPRESS";
        migrate.Response.EnableSMSMFA = false;
        written = JsonNode.Parse(JsonSerializer.Serialize(migrate, Options))!["response"]!;
        Assert.Equal(
            """{"userAttributes":{"email":"jdoe@example.org"},"finalUserStatus":"CONFIRMED","messageAction":"SUPPRESS","enableSMSMFA":false}""",
            written.ToJsonString());

        var token = JsonSerializer.Deserialize<CognitoPreTokenGenerationV2Event>(
            """
            {"version":"2","triggerSource":"TokenGeneration_Authentication","request":{"userAttributes":{"sub":"u-1"},
             "groupConfiguration":{"groupsToOverride":["admins"],"iamRolesToOverride":[],"preferredRole":null},"scopes":["openid"]},"response":{}}
            """, Options)!;
        Assert.Equal(["admins"], token.Request!.GroupConfiguration!.GroupsToOverride!);
        token.Response!.ClaimsAndScopeOverrideDetails = new()
        {
            AccessTokenGeneration = new() { ClaimsToAddOrOverride = new() { ["tier"] = "gold", ["level"] = 3 }, ScopesToAdd = ["orders/read"] },
        };
        written = JsonNode.Parse(JsonSerializer.Serialize(token, Options))!["response"]!;
        Assert.Equal(
            """{"claimsAndScopeOverrideDetails":{"accessTokenGeneration":{"claimsToAddOrOverride":{"tier":"gold","level":3},"scopesToAdd":["orders/read"]}}}""",
            written.ToJsonString());

        var postAuth = JsonSerializer.Deserialize<CognitoPostAuthenticationEvent>(
            """{"request":{"userAttributes":{},"newDeviceUsed":true},"response":{}}""", Options)!;
        Assert.True(postAuth.Request!.NewDeviceUsed);
        Assert.True(postAuth.Request.NewDevicedUsed);
    }

    [Fact]
    public void ConnectEvent_ExposesContactDataAndParameters()
    {
        var contact = Read<ContactFlowEvent>("connect.json");

        Assert.Equal("ContactFlowEvent", contact.Name);
        var data = contact.Details!.ContactData!;
        Assert.Equal("VOICE", data.Channel);
        Assert.Equal("INBOUND", data.InitiationMethod);
        Assert.Equal("+442071234567", data.CustomerEndpoint!.Address);
        Assert.Equal("TELEPHONE_NUMBER", data.SystemEndpoint!.Type);
        Assert.Equal("BillingSupport", data.Queue!.Name);
        Assert.EndsWith("/queue/0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", data.Queue.Arn, StringComparison.Ordinal);
        Assert.Equal("en", data.Attributes!["preferredLanguage"]);
        Assert.Null(data.MediaStreams!.Customer!.Audio);
        Assert.Equal("phone", contact.Details.Parameters!["accountLookupKey"]);
    }

    [Fact]
    public void ConnectResponse_BuiltInCode_IsAFlatStringMap()
    {
        var response = new ContactFlowResponse
        {
            ["accountStatus"] = "ACTIVE",
            ["customerTier"] = "gold",
            ["openTickets"] = "2",
        };

        AssertWritesAs("connect.response.json", response);
        Assert.Equal("gold", Read<ContactFlowResponse>("connect.response.json")["customerTier"]);
    }

    [Fact]
    public void LexV2Event_ExposesIntentSlotsAndTranscriptions()
    {
        var lex = Read<LexV2Event>("lex-v2.json");

        Assert.Equal("DialogCodeHook", lex.InvocationSource);
        Assert.Equal("TestBotAlias", lex.Bot!.AliasName);
        Assert.Equal(0.93, lex.Interpretations![0].NluConfidence);
        Assert.Null(lex.Interpretations[1].NluConfidence);
        Assert.Empty(lex.Interpretations[1].Intent!.Slots!);

        var intent = lex.SessionState!.Intent!;
        Assert.Equal("BookRoom", intent.Name);
        Assert.Equal("Lisbon", intent.Slots!["City"]!.Value!.InterpretedValue);
        Assert.Equal(["3"], intent.Slots["Nights"]!.Value!.ResolvedValues!);
        Assert.True(intent.Slots.ContainsKey("CheckIn"));
        Assert.Null(intent.Slots["CheckIn"]);
        Assert.Empty(lex.SessionState.ActiveContexts!);
        Assert.Equal("L-5521", lex.SessionState.SessionAttributes!["loyaltyId"]);
        Assert.Equal("CheckIn", lex.ProposedNextState!.DialogAction!.SlotToElicit);
        Assert.Equal("web", lex.RequestAttributes!["x-amz-lex:channels:platform"]);
        Assert.Equal(0.97, lex.Transcriptions![0].TranscriptionConfidence);
        Assert.Equal("BookRoom", lex.Transcriptions[0].ResolvedContext!.Intent);
    }

    [Fact]
    public void LexV2Response_BuiltInCode_WritesWhatLexExpects()
    {
        var lex = Read<LexV2Event>("lex-v2.json");
        var response = new LexV2Response
        {
            SessionState = new LexV2SessionState
            {
                SessionAttributes = lex.SessionState!.SessionAttributes,
                DialogAction = new LexV2DialogAction { Type = "ElicitSlot", SlotToElicit = "CheckIn" },
                Intent = lex.SessionState.Intent,
            },
            Messages = [new LexV2Message { ContentType = "PlainText", Content = "Which date would you like to check in?" }],
            RequestAttributes = new Dictionary<string, string>(),
        };

        AssertWritesAs("lex-v2.response.json", response);
    }

    [Fact]
    public void SecretsManagerRotation_ExposesStepAndTokens()
    {
        var rotation = Read<SecretsManagerRotationEvent>("secrets-manager-rotation.json");

        Assert.Equal("setSecret", rotation.Step);
        Assert.EndsWith(":secret:prod/orders-db/app-user-Ab12Cd", rotation.SecretId, StringComparison.Ordinal);
        Assert.Equal("7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3928", rotation.ClientRequestToken);
        Assert.Null(rotation.RotationToken);
    }

    private static T Read<T>(string fixture) => JsonSerializer.Deserialize<T>(File.ReadAllText(EventJson.PathOf(fixture)), Options)!;

    private static void AssertWritesAs<T>(string fixture, T value)
    {
        var expected = JsonNode.Parse(File.ReadAllText(EventJson.PathOf(fixture)));
        var actual = JsonNode.Parse(JsonSerializer.Serialize(value, Options));
        Assert.Null(EventJson.FindDifference(expected, actual, "$"));
    }
}
