using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fulmen.Lambda.CloudWatchLogsEvents;

/// <summary>A CloudWatch Logs subscription filter's event: log events, gzipped and base64-encoded.</summary>
public class CloudWatchLogsEvent
{
    /// <summary>The encoded log data.</summary>
    [JsonPropertyName("awslogs")]
    public Log? Awslogs { get; set; }

    /// <summary>The <c>awslogs</c> element: the encoded log data and the means to decode it.</summary>
    public class Log
    {
        /// <summary>The base64 text of the gzipped JSON document (see <see cref="CloudWatchLogsData"/>).</summary>
        [JsonPropertyName("data")]
        public string? EncodedData { get; set; }

        /// <summary>The JSON text of <see cref="EncodedData"/>, base64-decoded and gunzipped (null or empty as it is).</summary>
        public string? DecodeData()
        {
            if (string.IsNullOrEmpty(EncodedData))
            {
                return EncodedData;
            }
            using var compressed = new MemoryStream(Convert.FromBase64String(EncodedData));
            using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gzip.CopyTo(plain);
            return Encoding.UTF8.GetString(plain.GetBuffer(), 0, (int)plain.Length);
        }

        /// <summary>The decoded document as a typed <see cref="CloudWatchLogsData"/> (null when there is no data).</summary>
        public CloudWatchLogsData? DecodeLogsData()
        {
            var json = DecodeData();
            return string.IsNullOrEmpty(json)
                ? null
                : JsonSerializer.Deserialize(json, CloudWatchLogsJsonContext.Default.CloudWatchLogsData);
        }
    }
}
