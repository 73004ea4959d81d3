using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Fulmen.Topics.Delivery;

/// <summary>
/// Signs what topics deliver as SNS does (SignatureVersion 1: SHA1 with RSA over the message's canonical fields), with
/// a key made when the server starts and a self-signed certificate served at <see cref="CertificatePath"/>, so a
/// subscriber that verifies signatures can. The key is not kept: messages signed before a restart no longer verify.
/// </summary>
public sealed class MessageSigner : IDisposable
{
    public const string CertificatePath = "/_fulmen/sns/SimpleNotificationService.pem";
    public const string SignatureVersion = "1";

    private readonly Lazy<(RSA Key, string Pem)> _key = new(Create);

    public string CertificatePem => _key.Value.Pem;

    /// <summary>The base64 signature of <paramref name="stringToSign"/>.</summary>
    public string Sign(string stringToSign)
    {
#pragma warning disable CA5350 // SNS's SignatureVersion 1 is SHA1 with RSA: subscribers verify exactly that.
        return Convert.ToBase64String(_key.Value.Key.SignData(Encoding.UTF8.GetBytes(stringToSign), HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1));
#pragma warning restore CA5350
    }

    /// <summary>A notification's string to sign: its fields in SNS's order, each name and value on its own line.</summary>
    public static string NotificationString(string message, string messageId, string? subject, string timestamp, string topicArn)
    {
        var text = new StringBuilder();
        Line(text, "Message", message);
        Line(text, "MessageId", messageId);
        if (subject is not null)
        {
            Line(text, "Subject", subject);
        }
        Line(text, "Timestamp", timestamp);
        Line(text, "TopicArn", topicArn);
        Line(text, "Type", DeliveryItem.Notification);
        return text.ToString();
    }

    /// <summary>A subscription confirmation's string to sign.</summary>
    public static string ConfirmationString(string message, string messageId, string subscribeUrl, string timestamp, string token, string topicArn)
    {
        var text = new StringBuilder();
        Line(text, "Message", message);
        Line(text, "MessageId", messageId);
        Line(text, "SubscribeURL", subscribeUrl);
        Line(text, "Timestamp", timestamp);
        Line(text, "Token", token);
        Line(text, "TopicArn", topicArn);
        Line(text, "Type", DeliveryItem.SubscriptionConfirmation);
        return text.ToString();
    }

    private static void Line(StringBuilder text, string name, string value) => text.Append(name).Append('\n').Append(value).Append('\n');

    private static (RSA, string) Create()
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=sns.amazonaws.com", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.FromUnixTimeSeconds(0);
        using var certificate = request.CreateSelfSigned(now, now.AddYears(100));
        return (key, certificate.ExportCertificatePem());
    }

    public void Dispose()
    {
        if (_key.IsValueCreated)
        {
            _key.Value.Key.Dispose();
        }
    }
}
