using System.Globalization;
using Cauce.Ml.Data.Schema;
using Cauce.Ml.Modeling.Features;

namespace Cauce.Ml.Inference;

/// <summary>One input of an exported model: a feature column, fed as an [N,1] tensor of <see cref="ElementType"/>.</summary>
public sealed record OnnxInput(string Name, string ElementType)
{
    public const string Float = "float";
    public const string String = "string";
    public const string Bool = "bool";
}

/// <summary>One output of an exported model: its name in the graph, element type, shape and what it holds.</summary>
public sealed record OnnxOutput(string Name, string ElementType, string Shape, string Meaning)
{
    /// <summary>ML.NET's converter names a graph output after its column, with this suffix.</summary>
    internal const string Suffix = ".output";

    /// <summary>The ML.NET column the output comes from.</summary>
    internal string Column => Name[..^Suffix.Length];
}

/// <summary>
/// How to feed an exported model and what to read from it, decided by the model's schema: one input per feature,
/// named like the column, shape [N,1], <c>float</c> for numbers, <c>string</c> for categories, <c>bool</c> for
/// booleans, and no label input; one output, the score Cauce reports — P(positive class) for a binary task, the
/// class probabilities for multiclass, the value for regression.
/// </summary>
public sealed record OnnxSignature(PredictionTask Task, IReadOnlyList<OnnxInput> Inputs, OnnxOutput Output)
{
    public static OnnxSignature For(ModelSchema schema)
    {
        var inputs = schema.Features.Select(f => new OnnxInput(f.Name, ElementTypeOf(f.ColumnType))).ToList();
        var output = schema.Task switch
        {
            PredictionTask.Binary => new OnnxOutput("Probability" + OnnxOutput.Suffix, OnnxInput.Float, "[N,1]",
                $"the probability that {schema.Target} is {schema.PositiveLabel} (Cauce predicts it above 0.5)"),
            PredictionTask.Multiclass => new OnnxOutput("Score" + OnnxOutput.Suffix, OnnxInput.Float,
                string.Create(CultureInfo.InvariantCulture, $"[N,{schema.Labels.Count}]"),
                $"the probability of each class of {schema.Target}, in the card's order: {string.Join(", ", schema.Labels)}"),
            _ => new OnnxOutput("Score" + OnnxOutput.Suffix, OnnxInput.Float, "[N,1]", $"the predicted {schema.Target}"),
        };
        return new OnnxSignature(schema.Task, inputs, output);
    }

    /// <summary>The inputs counted by type: "10 float, 5 string, 2 bool".</summary>
    public string InputTypes => string.Join(", ", new[] { OnnxInput.Float, OnnxInput.String, OnnxInput.Bool }
        .Select(t => (Type: t, Count: Inputs.Count(i => i.ElementType == t)))
        .Where(t => t.Count > 0)
        .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Count} {t.Type}")));

    /// <summary>The description stored in the ONNX file's doc_string: how to feed it and what to read.</summary>
    public string Describe(string model) =>
        $"{model}, exported by Cauce ({Task.Name()}). Inputs, one per feature, named like the column, shape [N,1]: "
        + string.Join(", ", Inputs.Select(i => $"{i.Name} ({i.ElementType})"))
        + ". A missing number is NaN; a category never seen in training encodes as all zeros. No label input. "
        + $"Read {Output.Name} ({Output.ElementType} {Output.Shape}): {Output.Meaning}.";

    private static string ElementTypeOf(ColumnType type) => type switch
    {
        ColumnType.Category => OnnxInput.String,
        ColumnType.Boolean => OnnxInput.Bool,
        _ => OnnxInput.Float,
    };
}
