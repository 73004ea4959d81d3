using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Amazon.Lambda.Core;
using Newtonsoft.Json;

namespace Amazon.Lambda.Serialization.Json;

/// <summary>Newtonsoft.Json for Lambda payloads: nulls left out, the settings adjustable.</summary>
public class JsonSerializer : ILambdaSerializer
{
    private readonly Newtonsoft.Json.JsonSerializer _serializer;

    public JsonSerializer()
        : this(_ => { })
    {
    }

    public JsonSerializer(Action<JsonSerializerSettings> customizeSerializerSettings)
    {
        var settings = new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore };
        customizeSerializerSettings(settings);
        _serializer = Newtonsoft.Json.JsonSerializer.Create(settings);
    }

    public JsonSerializer(IEnumerable<JsonConverter> converters)
        : this(settings =>
        {
            foreach (var converter in converters)
            {
                settings.Converters.Add(converter);
            }
        })
    {
    }

    public T Deserialize<T>(Stream requestStream)
    {
        using var reader = new JsonTextReader(new StreamReader(requestStream, Encoding.UTF8, false, 1024, leaveOpen: true));
        return _serializer.Deserialize<T>(reader);
    }

    public void Serialize<T>(T response, Stream responseStream)
    {
        using var writer = new StreamWriter(responseStream, new UTF8Encoding(false), 1024, leaveOpen: true);
        _serializer.Serialize(writer, response);
    }
}
