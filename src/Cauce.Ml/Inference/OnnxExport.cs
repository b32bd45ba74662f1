using System.Text.Json;
using Cauce.Core.Conventions;
using Cauce.Core.Errors;
using Cauce.Core.IO;
using Cauce.Ml.Data.Schema;
using Cauce.Ml.Modeling;
using Cauce.Ml.Modeling.Forest;
using Cauce.Ml.Modeling.LightGbm;
using Cauce.Ml.Modeling.Linear;
using Google.Protobuf;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cauce.Ml.Inference;

/// <summary>What <see cref="OnnxExport.Export"/> wrote: the file, its size, and how to feed it.</summary>
public sealed record OnnxExportResult(string Model, string Algo, string RelativePath, long Bytes, OnnxSignature Signature);

/// <summary>
/// Exports a model to ONNX, as <c>models/&lt;stem&gt;.onnx</c> beside its zip: the featuriser (one-hot, booleans as
/// 1/0, missing numbers filled, standardisation) and the learner in one graph, fed the raw feature columns — written
/// by ML.NET's converter for an ML.NET model, by <see cref="OnnxGraph"/> for the models of Cauce's own encoding (lr, rf, lgbm). The graph's one output is the score Cauce reports (<see cref="OnnxSignature"/>); the file
/// says the same in its doc_string and <c>cauce.*</c> metadata. The same model gives the same bytes.
/// </summary>
public static class OnnxExport
{
    /// <summary>xgb is scored by the native booster, outside ML.NET's transformer, so the converter cannot see it.</summary>
    public const string NotExportableAlgo = "xgb";

    /// <summary>The algorithms whose models export.</summary>
    public static IReadOnlyList<string> Exportable { get; } = [.. Algorithms.Catalog.Select(a => a.Key).Where(a => a != NotExportableAlgo)];

    /// <summary>
    /// Writes <c>models/&lt;stem&gt;.onnx</c> for the model <paramref name="name"/> of <paramref name="store"/>, atomically:
    /// a model that cannot be exported leaves no file (and an older export in place).
    /// </summary>
    public static OnnxExportResult Export(ModelStore store, ModelFileName name)
    {
        var model = name.As(ModelArtifact.Model);
        var card = store.ReadCard(model);
        if (card.Algo == NotExportableAlgo)
            throw OnnxExportException.NotExportable(card.Name, card.Algo);
        var (_, trained) = store.Load(model);
        using (trained)
        {
            var bytes = ToOnnx(trained, card.Algo, card.Name);
            var onnx = model.As(ModelArtifact.Onnx);
            AtomicFile.WriteAllBytes(store.PathOf(onnx), bytes);
            return new OnnxExportResult(card.Name, card.Algo, onnx.RelativePath, bytes.Length, OnnxSignature.For(trained.Schema));
        }
    }

    /// <summary>The ONNX bytes of <paramref name="model"/>, an <paramref name="algo"/> model named <paramref name="name"/>.</summary>
    public static byte[] ToOnnx(TrainedModel model, string algo, string name)
    {
        if (algo == NotExportableAlgo || model.Booster is not null)
            throw OnnxExportException.NotExportable(name, algo);
        var signature = OnnxSignature.For(model.Schema);
        using var stream = new MemoryStream();
        if (model.Predictor is { } predictor)
        {
            // A model of Cauce's encoding: Cauce writes the graph.
            try
            {
                stream.Write(predictor switch
                {
                    LogisticModel logistic => OnnxGraph.Logistic(model.Encoding!, logistic, signature),
                    ForestModel forest => OnnxGraph.Forest(model.Encoding!, forest, signature),
                    LgbmBooster booster => OnnxGraph.LightGbm(model.Encoding!, LgbmModelText.Parse(System.Text.Encoding.UTF8.GetString(booster.Save())), booster.Outputs, signature),
                    _ => throw OnnxExportException.NotExportable(name, algo),
                });
            }
            catch (Exception e) when (e is NotSupportedException or FormatException)
            {
                throw OnnxExportException.Refused(name, algo, e);
            }

            Describe(stream, name, algo, model.Schema, signature);
            return stream.ToArray();
        }

        try
        {
            model.Ml.Model.ConvertToOnnx(model.Transformer, FeaturesOnly(model), stream, signature.Output.Column);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or NotImplementedException or ArgumentException or KeyNotFoundException)
        {
            throw OnnxExportException.Refused(name, algo, e);
        }

        Describe(stream, name, algo, model.Schema, signature);
        return stream.ToArray();
    }

    /// <summary>
    /// An empty view with the feature columns alone: the converter makes a graph input of every column it is given,
    /// and a model scores from its features, so the label (which the saved model's input schema still lists) is left out.
    /// </summary>
    private static IDataView FeaturesOnly(TrainedModel model)
    {
        var columns = model.Schema.Features.Select((f, i) => new TextLoader.Column(f.Name, f.ColumnType switch
        {
            ColumnType.Category => DataKind.String,
            ColumnType.Boolean => DataKind.Boolean,
            _ => DataKind.Single,
        }, i)).ToArray();
        return model.Ml.Data.CreateTextLoader(columns, hasHeader: false).Load(new MultiFileSource(null));
    }

    /// <summary>
    /// Appends ModelProto's doc_string (field 6) and metadata_props (field 14) to the serialised model: protobuf merges
    /// fields appended to a message, so the converter's graph is kept byte for byte and the file describes itself.
    /// </summary>
    private static void Describe(Stream onnx, string name, string algo, Modeling.Features.ModelSchema schema, OnnxSignature signature)
    {
        const int DocString = 6;
        const int MetadataProps = 14;
        var output = new CodedOutputStream(onnx, leaveOpen: true);
        output.WriteTag(DocString, WireFormat.WireType.LengthDelimited);
        output.WriteString(signature.Describe(name));
        foreach (var (key, value) in new[]
        {
            ("cauce.model", name),
            ("cauce.algo", algo),
            ("cauce.task", schema.Task.Name()),
            ("cauce.target", schema.Target),
            ("cauce.labels", JsonSerializer.Serialize(schema.Labels)),
            ("cauce.output", signature.Output.Name),
        })
        {
            output.WriteTag(MetadataProps, WireFormat.WireType.LengthDelimited);
            output.WriteLength(2 + CodedOutputStream.ComputeStringSize(key) + CodedOutputStream.ComputeStringSize(value));
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteString(key);
            output.WriteTag(2, WireFormat.WireType.LengthDelimited);
            output.WriteString(value);
        }

        output.Flush();
    }
}

/// <summary>A model that cannot be exported to ONNX: the message names the model and its algorithm.</summary>
public sealed class OnnxExportException : CauceException
{
    private OnnxExportException(string model, string algo, string message, string hint, ExitCode exitCode, Exception? inner)
        : base(message, hint, exitCode, inner)
    {
        Model = model;
        Algo = algo;
    }

    public string Model { get; }

    public string Algo { get; }

    /// <summary>An algorithm Cauce knows cannot be exported (xgb): asking for it is a usage error.</summary>
    public static OnnxExportException NotExportable(string model, string algo) => new(
        model, algo,
        $"{model} cannot be exported to ONNX: {algo} models are scored by XGBoost's own library, which ML.NET's ONNX converter cannot see",
        $"ONNX export works for {string.Join(", ", OnnxExport.Exportable)} models; the zip holds the booster as cauce/xgboost.json, which XGBoost loads in any language, and cauce/features.json, how a row becomes its columns",
        ExitCode.Usage,
        null);

    /// <summary>ML.NET's converter refused the model's transformer.</summary>
    public static OnnxExportException Refused(string model, string algo, Exception error) => new(
        model, algo,
        $"{model} cannot be exported to ONNX: the converter does not support this {algo} model ({error.Message})",
        $"ONNX export is tested for {string.Join(", ", OnnxExport.Exportable)} models trained by 'cauce train'; score this one with 'cauce predict'",
        ExitCode.Failure,
        error);
}
