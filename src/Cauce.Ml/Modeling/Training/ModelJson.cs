using System.Text.Json;
using Cauce.Ml.Modeling.Features;

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
    /// Checks what a learner's entry says first against the model card and the encoding: its <c>"task"</c>, the
    /// <c>"columns"</c> it reads and the <c>"classes"</c> it tells apart (<see cref="ModelSchema.Classes"/>).
    /// </summary>
    public static void CheckHeader(JsonElement root, ModelSchema schema, int columns, Func<string, Exception> invalid)
    {
        if (!root.TryGetProperty("task", out var task) || task.ValueKind != JsonValueKind.String || task.GetString() != schema.Task.Name())
            throw invalid($"its \"task\" is not the model card's, {schema.Task.Name()}");
        if (Count(root, "columns", invalid) is var read && read != columns)
            throw invalid($"it reads {read} columns, the feature encoding makes {columns}");
        if (Count(root, "classes", invalid) is var stored && stored != schema.Classes)
            throw invalid($"it has {stored} classes, the model card {schema.Classes}");
    }

    /// <summary>Writes the header <see cref="CheckHeader"/> reads.</summary>
    public static void WriteHeader(Utf8JsonWriter json, PredictionTask task, int columns, int classes)
    {
        json.WriteString("task", task.Name());
        json.WriteNumber("columns", columns);
        json.WriteNumber("classes", classes);
    }

    /// <summary>A count (a non-negative integer) property, or <paramref name="invalid"/>'s exception saying it is missing.</summary>
    public static int Count(JsonElement element, string name, Func<string, Exception> invalid) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count >= 0
            ? count
            : throw invalid($"it has no \"{name}\" count");

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
