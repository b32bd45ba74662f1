using System.Text.Json;

namespace Cauce.Ml.Modeling.Training;

/// <summary>Opening one of the JSON entries Cauce writes into a model zip (<c>cauce/features.json</c>, <c>cauce/logistic.json</c>, <c>cauce/forest.json</c>).</summary>
internal static class ModelJson
{
    /// <summary>
    /// The parsed document, whose root is an object with <c>"format": <paramref name="format"/></c>; otherwise the
    /// exception <paramref name="invalid"/> makes of what is wrong ("it is not JSON (…)", "its "format" is not …").
    /// </summary>
    public static JsonDocument Open(ReadOnlySpan<byte> content, string format, Func<string, Exception> invalid)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content.ToArray());
        }
        catch (JsonException e)
        {
            throw invalid($"it is not JSON ({e.Message})");
        }

        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("format", out var value) && value.ValueKind == JsonValueKind.String && value.GetString() == format)
            return document;
        document.Dispose();
        throw invalid($"its \"format\" is not {format}");
    }

    /// <summary>
    /// The bytes of an indented JSON object whose first property is <c>"format": <paramref name="format"/></c>, then
    /// the properties <paramref name="body"/> writes.
    /// </summary>
    public static byte[] Write(string format, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", format);
            body(json);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
