using System.Text.Json;
using Cauce.Ml.Modeling.Features;

namespace Cauce.Ml.Inference;

/// <summary>A payload that cannot be scored: <see cref="Field"/> says where (<c>records[3].edad</c>), the message what.</summary>
public sealed class PayloadException(string field, string problem) : Exception(problem)
{
    public string Field { get; } = field;
}

/// <summary>A payload with more rows than the server takes in one request.</summary>
public sealed class TooManyRowsException(int rows, int limit) : Exception($"the payload has {rows:N0} rows; this server takes at most {limit:N0} per request")
{
    public int Rows { get; } = rows;

    public int Limit { get; } = limit;
}

/// <summary>How strict to be with a JSON payload, and how big it may be.</summary>
public sealed record PayloadRules(int MaxRows, bool AllowExtra = false, bool AllowUnseen = false);

/// <summary>
/// Reads rows to score from JSON — an array of records (<c>[{"edad": 42, ...}]</c>, also MLflow's
/// <c>dataframe_records</c>) or MLflow's <c>dataframe_split</c> (<c>{"columns": [...], "data": [[...]]}</c>) —
/// into a <see cref="FeatureBatch"/>, with the same checks as a CSV file: every feature present, numbers where
/// the model reads numbers, booleans, categories seen in training, no column the model does not know. Each error
/// names the field by its JSON path.
/// </summary>
public static class JsonRecords
{
    /// <summary>An array of objects, one per row.</summary>
    public static FeatureBatch FromRecords(JsonElement records, string path, ModelSchema schema, PayloadRules rules)
    {
        if (records.ValueKind != JsonValueKind.Array)
            throw new PayloadException(path, $"expected an array of records, got {Kind(records)}");
        var batch = NewBatch(records.GetArrayLength(), path, schema, rules);
        var i = 0;
        foreach (var record in records.EnumerateArray())
        {
            var at = $"{path}[{i++}]";
            if (record.ValueKind != JsonValueKind.Object)
                throw new PayloadException(at, $"expected a record (an object of column: value), got {Kind(record)}");
            var row = batch.AddRow();
            var set = new bool[schema.Features.Count];
            foreach (var property in record.EnumerateObject())
            {
                var name = Text(property, at);
                var feature = batch.IndexOf(name);
                if (feature < 0)
                {
                    if (!rules.AllowExtra && !IsKnown(schema, name))
                        throw new PayloadException($"{at}.{name}", $"is not a column the model reads (it reads {Names(schema)})");
                    continue;
                }

                if (set[feature])
                    throw new PayloadException($"{at}.{name}", "is given twice in the record");
                set[feature] = true;
                Set(batch, feature, row, property.Value, $"{at}.{name}");
            }

            var missing = schema.Features.Where((_, f) => !set[f]).Select(f => f.Name).ToList();
            if (missing.Count > 0)
                throw new PayloadException(at, $"lacks {string.Join(", ", missing.Take(5).Select(m => $"'{m}'"))}{(missing.Count > 5 ? $" and {missing.Count - 5} more" : "")}: every record needs every column the model reads (null for a missing value)");
        }

        return batch;
    }

    /// <summary>MLflow's <c>dataframe_split</c>: column names once, then rows of values in that order.</summary>
    public static FeatureBatch FromSplit(JsonElement split, string path, ModelSchema schema, PayloadRules rules)
    {
        if (split.ValueKind != JsonValueKind.Object)
            throw new PayloadException(path, $"expected an object with 'columns' and 'data', got {Kind(split)}");
        if (!split.TryGetProperty("columns", out var columnsElement) || columnsElement.ValueKind != JsonValueKind.Array)
            throw new PayloadException($"{path}.columns", "expected an array of column names");
        if (!split.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            throw new PayloadException($"{path}.data", "expected an array of rows");

        var names = new List<string>();
        foreach (var name in columnsElement.EnumerateArray())
        {
            if (name.ValueKind != JsonValueKind.String)
                throw new PayloadException($"{path}.columns[{names.Count}]", $"expected a column name, got {Kind(name)}");
            names.Add(Text(name, $"{path}.columns[{names.Count}]"));
        }

        var batch = NewBatch(data.GetArrayLength(), path, schema, rules);
        var features = names.Select(batch.IndexOf).ToArray();
        for (var c = 0; c < names.Count; c++)
        {
            if (features[c] < 0 && !rules.AllowExtra && !IsKnown(schema, names[c]))
                throw new PayloadException($"{path}.columns[{c}]", $"'{names[c]}' is not a column the model reads (it reads {Names(schema)})");
        }

        var missing = schema.Features.Where(f => !names.Contains(f.Name)).Select(f => $"'{f.Name}'").ToList();
        if (missing.Count > 0)
            throw new PayloadException($"{path}.columns", $"lacks {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? $" and {missing.Count - 5} more" : "")}: every column the model reads is needed");
        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new PayloadException($"{path}.columns", $"names '{duplicate.Key}' twice");

        var i = 0;
        foreach (var values in data.EnumerateArray())
        {
            var at = $"{path}.data[{i++}]";
            if (values.ValueKind != JsonValueKind.Array)
                throw new PayloadException(at, $"expected a row (an array of values), got {Kind(values)}");
            if (values.GetArrayLength() != names.Count)
                throw new PayloadException(at, $"has {values.GetArrayLength()} values for {names.Count} columns");
            var row = batch.AddRow();
            var c = 0;
            foreach (var value in values.EnumerateArray())
            {
                if (features[c] >= 0)
                    Set(batch, features[c], row, value, $"{at}[{c}] ({names[c]})");
                c++;
            }
        }

        return batch;
    }

    /// <summary>A string's text; invalid UTF-8 or a lone surrogate (<c>"\ud800"</c>) is the payload's error, not the server's.</summary>
    private static string Text(JsonElement value, string at)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new PayloadException(at, "is not valid Unicode text (invalid UTF-8 or a lone surrogate)");
        }
    }

    private static string Text(JsonProperty property, string at)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            throw new PayloadException(at, "has a property name that is not valid Unicode text (invalid UTF-8 or a lone surrogate)");
        }
    }

    private static FeatureBatch NewBatch(int rows, string path, ModelSchema schema, PayloadRules rules)
    {
        if (rows == 0)
            throw new PayloadException(path, "has no rows to score");
        if (rows > rules.MaxRows)
            throw new TooManyRowsException(rows, rules.MaxRows);
        return new FeatureBatch(schema, rows, rules.AllowUnseen);
    }

    private static void Set(FeatureBatch batch, int feature, int row, JsonElement value, string at)
    {
        var problem = value.ValueKind switch
        {
            JsonValueKind.String => batch.Set(feature, row, Text(value, at)),
            JsonValueKind.Number => batch.Set(feature, row, value.GetRawText()),
            JsonValueKind.True => batch.SetFlag(feature, row, true),
            JsonValueKind.False => batch.SetFlag(feature, row, false),
            JsonValueKind.Null => batch.Set(feature, row, ""),
            _ => $"expected a value, got {Kind(value)}",
        };
        if (problem is not null)
            throw new PayloadException(at, problem);
    }

    /// <summary>Columns a payload may carry that the model does not read: the target, and what it excluded (ids, dates, text).</summary>
    private static bool IsKnown(ModelSchema schema, string name) => name == schema.Target || schema.Excluded.Any(e => e.Name == name);

    private static string Names(ModelSchema schema) =>
        schema.Features.Count <= 12 ? string.Join(", ", schema.Features.Select(f => f.Name)) : string.Join(", ", schema.Features.Take(12).Select(f => f.Name)) + ", …";

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
