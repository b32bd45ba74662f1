using System.Globalization;
using System.Text.Json;
using Cauce.Ml.Modeling.Features;
using Cauce.Ml.Modeling.Training;

namespace Cauce.Ml.Modeling.Linear;

/// <summary>
/// A fitted logistic regression (<see cref="LogisticRegression"/>): each column's standardisation (mean and standard
/// deviation; 0 and 1 for a one-hot column) and, per output, the weights of the standardised columns and an
/// intercept. One output for a binary task, P(positive) = σ(z); one per class for multiclass, the softmax of the z's.
/// Saved in the model zip as <see cref="FileEntry"/>, JSON any language can read: scikit-learn's
/// <c>StandardScaler</c> mean_/scale_ and <c>LogisticRegression</c> coef_/intercept_.
/// </summary>
internal sealed class LogisticModel : IMatrixPredictor
{
    public const string FileEntry = "cauce/logistic.json";

    private const string Format = "cauce-logistic/1";

    private readonly float[] _offset;
    private readonly float[] _scale;
    private readonly float[] _weights;

    public LogisticModel(PredictionTask task, int columns, int classes, double[] mean, double[] std, double[] coefficients, double[] intercepts)
    {
        Task = task;
        Columns = columns;
        Classes = classes;
        Mean = mean;
        Std = std;
        Coefficients = coefficients;
        Intercepts = intercepts;
        _offset = [.. mean.Select(m => (float)m)];
        _scale = [.. std.Select(s => (float)(1 / s))];
        _weights = [.. coefficients.Select(c => (float)c)];
    }

    public int Columns { get; }

    /// <summary>Binary (one output, P(positive)) or multiclass (an output per class, even of two).</summary>
    public PredictionTask Task { get; }

    public int Classes { get; }

    public int Outputs => Task == PredictionTask.Multiclass ? Classes : 1;

    public IReadOnlyList<double> Mean { get; }

    public IReadOnlyList<double> Std { get; }

    /// <summary>The weights of the standardised columns, <see cref="Outputs"/> rows of <see cref="Columns"/>.</summary>
    public IReadOnlyList<double> Coefficients { get; }

    public IReadOnlyList<double> Intercepts { get; }

    public string Entry => FileEntry;

    public void Predict(ReadOnlyMemory<float> rowsMatrix, int rows, Memory<double> scoresMemory)
    {
        var matrix = rowsMatrix.Span;
        var scores = scoresMemory.Span;
        var outputs = Outputs;
        Span<float> row = Columns <= 1024 ? stackalloc float[Columns] : new float[Columns];
        Span<double> z = stackalloc double[outputs];
        for (var i = 0; i < rows; i++)
        {
            Vectors.Standardise(matrix.Slice(i * Columns, Columns), _offset, _scale, row);
            if (outputs == 1)
            {
                scores[i] = 1 / (1 + Math.Exp(-(Vectors.Dot(row, _weights) + Intercepts[0])));
                continue;
            }

            var max = double.NegativeInfinity;
            for (var k = 0; k < outputs; k++)
            {
                z[k] = Vectors.Dot(row, _weights.AsSpan(k * Columns, Columns)) + Intercepts[k];
                max = Math.Max(max, z[k]);
            }

            var sum = 0.0;
            for (var k = 0; k < outputs; k++)
                sum += z[k] = Math.Exp(z[k] - max);
            for (var k = 0; k < outputs; k++)
                scores[(i * outputs) + k] = z[k] / sum;
        }
    }

    /// <summary>
    /// The model as <see cref="FileEntry"/>'s JSON: numbers in the invariant culture, round-trippable, so the same
    /// model gives the same bytes.
    /// </summary>
    public byte[] Save()
    {
        return ModelJson.Write(Format, json =>
        {
            ModelJson.WriteHeader(json, Task, Columns, Classes);
            Numbers(json, "mean", Mean);
            Numbers(json, "std", Std);
            json.WriteStartArray("coefficients");
            for (var k = 0; k < Outputs; k++)
            {
                json.WriteStartArray();
                foreach (var value in Coefficients.Skip(k * Columns).Take(Columns))
                    json.WriteRawValue(Text(value));
                json.WriteEndArray();
            }

            json.WriteEndArray();
            Numbers(json, "intercepts", Intercepts);
        });

        static void Numbers(Utf8JsonWriter json, string name, IEnumerable<double> values)
        {
            json.WriteStartArray(name);
            foreach (var value in values)
                json.WriteRawValue(Text(value));
            json.WriteEndArray();
        }

        static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Reads <see cref="FileEntry"/>'s JSON for a model of <paramref name="schema"/> whose encoding makes
    /// <paramref name="columns"/> columns. Anything else is an <see cref="InvalidDataException"/> saying what is wrong.
    /// </summary>
    public static LogisticModel Load(ReadOnlySpan<byte> content, ModelSchema schema, int columns)
    {
        using (var document = ModelJson.Open(content, Format, Invalid))
        {
            var root = document.RootElement;
            ModelJson.CheckHeader(root, schema, columns, Invalid);
            var outputs = schema.Outputs;
            var mean = Numbers(root, "mean", columns);
            var std = Numbers(root, "std", columns);
            foreach (var deviation in std.Where(s => !(s > 0) || !float.IsFinite((float)(1 / s))))
                throw Invalid($"its \"std\" holds {deviation.ToString("R", CultureInfo.InvariantCulture)}, where every one must be above 0 (and its inverse a float)");
            if (!root.TryGetProperty("coefficients", out var rows) || rows.ValueKind != JsonValueKind.Array || rows.GetArrayLength() != outputs)
                throw Invalid($"its \"coefficients\" are not {outputs} list{(outputs == 1 ? "" : "s")} (one per output)");
            var coefficients = rows.EnumerateArray().SelectMany((row, k) => Numbers(row, $"coefficients[{k}]", columns)).ToArray();
            var intercepts = Numbers(root, "intercepts", outputs);
            return new LogisticModel(schema.Task, columns, schema.Classes, mean, std, coefficients, intercepts);
        }

        static double[] Numbers(JsonElement element, string name, int length)
        {
            var list = element.ValueKind == JsonValueKind.Array ? element
                : element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value
                : throw Invalid($"it has no \"{name}\" list");
            if (list.GetArrayLength() != length)
                throw Invalid($"its \"{name}\" has {list.GetArrayLength()} numbers, {length} were expected");
            // Scoring reads them as floats: a double past float's range would turn the probabilities into NaN.
            return [.. list.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && float.IsFinite((float)d)
                ? d
                : throw Invalid($"its \"{name}\" holds {v.GetRawText()}, which is not a finite float"))];
        }

        static InvalidDataException Invalid(string problem) => new($"{FileEntry} is not a logistic regression: {problem}");
    }

    public void Dispose()
    {
    }
}
