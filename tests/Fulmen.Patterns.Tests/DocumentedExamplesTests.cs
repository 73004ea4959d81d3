namespace Fulmen.Patterns.Tests;

/// <summary>The examples of AWS's EventBridge "content filtering" and "comparison operators" pages and Lambda's
/// "event filtering" page, each with an event that matches and one that does not.</summary>
public sealed class DocumentedExamplesTests
{
    public static TheoryData<string, string, string> Examples => new()
    {
        // Prefix: "time" starting with "2017-10-02".
        { """{"time":[{"prefix":"2017-10-02"}]}""", """{"time":"2017-10-02T18:43:48Z"}""", """{"time":"2017-10-03T18:43:48Z"}""" },
        // Prefix ignoring case.
        { """{"service":[{"prefix":{"equals-ignore-case":"eventb"}}]}""", """{"service":"EventBridge"}""", """{"service":"Lambda"}""" },
        // Suffix.
        { """{"FileName":[{"suffix":".png"}]}""", """{"FileName":"image.png"}""", """{"FileName":"image.jpg"}""" },
        { """{"FileName":[{"suffix":{"equals-ignore-case":".png"}}]}""", """{"FileName":"image.PNG"}""", """{"FileName":"image.PNGX"}""" },
        // Anything-but, string, list, number list, prefix, suffix, ignore case, wildcard.
        { """{"state":[{"anything-but":"initializing"}]}""", """{"state":"running"}""", """{"state":"initializing"}""" },
        { """{"state":[{"anything-but":["stopped","overloaded"]}]}""", """{"state":"running"}""", """{"state":"stopped"}""" },
        { """{"x-limit":[{"anything-but":[100,200,300]}]}""", """{"x-limit":301}""", """{"x-limit":200}""" },
        { """{"Region":[{"anything-but":{"prefix":"us-"}}]}""", """{"Region":"eu-west-1"}""", """{"Region":"us-east-1"}""" },
        { """{"FileName":[{"anything-but":{"suffix":".png"}}]}""", """{"FileName":"a.txt"}""", """{"FileName":"a.png"}""" },
        { """{"state":[{"anything-but":{"equals-ignore-case":"initializing"}}]}""", """{"state":"running"}""", """{"state":"INITIALIZING"}""" },
        { """{"FilePath":[{"anything-but":{"wildcard":"*/lib/*"}}]}""", """{"FilePath":"/usr/bin/x"}""", """{"FilePath":"/usr/lib/x"}""" },
        // Numeric.
        { """{"detail":{"c-count":[{"numeric":[">",0,"<=",5]}]}}""", """{"detail":{"c-count":5}}""", """{"detail":{"c-count":0}}""" },
        { """{"detail":{"d-count":[{"numeric":["<",10]}]}}""", """{"detail":{"d-count":9.5}}""", """{"detail":{"d-count":10}}""" },
        { """{"detail":{"x-limit":[{"numeric":["=",3.018e2]}]}}""", """{"detail":{"x-limit":301.8}}""", """{"detail":{"x-limit":301.9}}""" },
        { """{"Price":[{"numeric":["=",100]}]}""", """{"Price":100}""", """{"Price":"100"}""" },
        // IP address.
        { """{"detail":{"sourceIPAddress":[{"cidr":"10.0.0.0/24"}]}}""", """{"detail":{"sourceIPAddress":"10.0.0.255"}}""", """{"detail":{"sourceIPAddress":"10.0.1.0"}}""" },
        // Exists.
        { """{"detail":{"state":[{"exists":true}]}}""", """{"detail":{"state":"x"}}""", """{"detail":{"other":"x"}}""" },
        { """{"detail":{"state":[{"exists":false}]}}""", """{"detail":{"other":"x"}}""", """{"detail":{"state":"x"}}""" },
        // Equals ignore case.
        { """{"detail-type":[{"equals-ignore-case":"ec2 instance state-change notification"}]}""", """{"detail-type":"EC2 Instance State-change Notification"}""", """{"detail-type":"EC2 Instance Launch"}""" },
        // Wildcard.
        { """{"EventBusArn":[{"wildcard":"arn:aws:events:us-east-1:*:event-bus/*"}]}""", """{"EventBusArn":"arn:aws:events:us-east-1:123456789012:event-bus/default"}""", """{"EventBusArn":"arn:aws:events:us-west-2:123456789012:event-bus/default"}""" },
        { """{"source":[{"wildcard":"Simple*Service"}]}""", """{"source":"SimpleStorageService"}""", """{"source":"SimpleQueue"}""" },
        // Null and empty.
        { """{"UserID":[null]}""", """{"UserID":null}""", """{"UserID":""}""" },
        { """{"LastName":[""]}""", """{"LastName":""}""", """{"LastName":null}""" },
        // And, Or (values), $or.
        { """{"Location":["New York"],"Day":["Monday"]}""", """{"Location":"New York","Day":"Monday"}""", """{"Location":"New York","Day":"Tuesday"}""" },
        { """{"PaymentType":["Credit","Debit"]}""", """{"PaymentType":"Debit"}""", """{"PaymentType":"Cash"}""" },
        { """{"$or":[{"Location":["New York"]},{"Day":["Monday"]}]}""", """{"Location":"Boston","Day":"Monday"}""", """{"Location":"Boston","Day":"Sunday"}""" },
        // The EC2 state-change example: source, detail-type, detail.state.
        {
            """{"source":["aws.ec2"],"detail-type":["EC2 Instance State-change Notification"],"detail":{"state":["running","stopped"]}}""",
            """{"version":"0","id":"1","detail-type":"EC2 Instance State-change Notification","source":"aws.ec2","account":"111122223333","time":"2017-12-22T18:43:48Z","region":"us-west-1","resources":["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],"detail":{"instance-id":"i-1234567890abcdef0","state":"running"}}""",
            """{"source":"aws.ec2","detail-type":"EC2 Instance State-change Notification","detail":{"state":"pending"}}"""
        },
        // Lambda's SQS filter on a JSON body, and a Kinesis/DynamoDB-style metadata plus data filter.
        { """{"body":{"RequestCode":["BBBB"]}}""", """{"messageId":"1","body":{"RequestCode":"BBBB"}}""", """{"messageId":"1","body":{"RequestCode":"AAAA"}}""" },
        { """{"partitionKey":["1"],"data":{"City":["Seattle"]}}""", """{"partitionKey":"1","data":{"City":"Seattle"}}""", """{"partitionKey":"2","data":{"City":"Seattle"}}""" },
        { """{"dynamodb":{"Keys":{"CustomerName":{"S":["AnyCompany Industries"]}}}}""", """{"dynamodb":{"Keys":{"CustomerName":{"S":"AnyCompany Industries"}}}}""", """{"dynamodb":{"Keys":{"CustomerName":{"S":"Other"}}}}""" },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void DocumentedPattern_MatchesItsEventAndNotTheOther(string pattern, string matching, string notMatching)
    {
        Assert.True(Match.Of(pattern, matching), matching);
        Assert.False(Match.Of(pattern, notMatching), notMatching);
    }
}
