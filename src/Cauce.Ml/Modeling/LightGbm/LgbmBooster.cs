using System.Globalization;
using System.Text;
using Cauce.Ml.Modeling.Training;

namespace Cauce.Ml.Modeling.LightGbm;

/// <summary>
/// A LightGBM booster, driven through LightGBM's C API as its Python package drives it: a Dataset from the dense
/// matrix, one boosting iteration at a time, the model saved as LightGBM's own text (<see cref="FileEntry"/>,
/// loadable by LightGBM in any language). Calls on one booster take turns; <see cref="Dispose"/> frees it.
/// </summary>
internal sealed unsafe class LgbmBooster : IMatrixPredictor
{
    public const string FileEntry = "cauce/lightgbm.txt";

    private readonly Lock _gate = new();
    private nint _handle;

    private LgbmBooster(nint handle, int outputs)
    {
        _handle = handle;
        Outputs = outputs;
        LgbmNative.Check(LgbmNative.LGBM_BoosterGetNumFeature(handle, out var columns), "read the model's number of features");
        Columns = columns;
    }

    ~LgbmBooster() => Free();

    public int Columns { get; }

    /// <summary>Values a row gets: one (P(positive), a value) or one per class.</summary>
    public int Outputs { get; }

    public string Entry => FileEntry;

    /// <summary>
    /// Trains <paramref name="rounds"/> iterations on <paramref name="matrix"/> (row-major, <paramref name="columns"/>
    /// floats a row) with LightGBM's <paramref name="parameters"/> ("key=value key=value", invariant culture).
    /// </summary>
    public static LgbmBooster Train(float[] matrix, int rows, int columns, float[] labels, string parameters, int rounds, int outputs, Action<int>? progress, CancellationToken cancellationToken)
    {
        nint dataset;
        fixed (float* data = matrix)
            LgbmNative.Check(LgbmNative.LGBM_DatasetCreateFromMat(data, LgbmNative.Float32, rows, columns, 1, parameters, 0, out dataset), "build its dataset from the training rows");
        try
        {
            fixed (float* label = labels)
                LgbmNative.Check(LgbmNative.LGBM_DatasetSetField(dataset, "label", label, rows, LgbmNative.Float32), "set the labels");
            LgbmNative.Check(LgbmNative.LGBM_BoosterCreate(dataset, parameters, out var handle), "create the booster");
            using var training = new LgbmBooster(handle, outputs);
            for (var round = 0; round < rounds; round++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                LgbmNative.Check(LgbmNative.LGBM_BoosterUpdateOneIter(handle, out var finished), string.Create(CultureInfo.InvariantCulture, $"train round {round + 1}"));
                if (finished != 0)
                    break;
                progress?.Invoke(round + 1);
            }

            progress?.Invoke(rounds);

            // The model kept is the one the zip will hold, read back from its text: the training booster's state
            // (scores, gradients, the Dataset it points to) is freed with it, as Python's keep_training_booster=False.
            return Load(training.Save(), outputs);
        }
        finally
        {
            LgbmNative.LGBM_DatasetFree(dataset);
        }
    }

    /// <summary>Loads LightGBM's text model for <paramref name="outputs"/> values a row; bytes LightGBM cannot read are an <see cref="InvalidDataException"/>.</summary>
    public static LgbmBooster Load(byte[] model, int outputs)
    {
        var text = new byte[model.Length + 1];
        model.CopyTo(text, 0);
        int result;
        nint handle;
        fixed (byte* data = text)
            result = LgbmNative.LGBM_BoosterLoadModelFromString(data, out _, out handle);
        if (result != 0)
            throw new InvalidDataException($"{FileEntry} is not a LightGBM model LightGBM can read ({LgbmNative.LastError})");
        var booster = new LgbmBooster(handle, outputs);
        if (LgbmNative.LGBM_BoosterGetNumClasses(handle, out var classes) != 0 || classes != outputs)
        {
            booster.Dispose();
            throw new InvalidDataException($"{FileEntry} scores {classes} value(s) a row, the model card {outputs}");
        }

        return booster;
    }

    /// <summary>The model as LightGBM's text format: the same model gives the same bytes.</summary>
    public byte[] Save()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_handle == 0, this);
            LgbmNative.Check(LgbmNative.LGBM_BoosterSaveModelToString(_handle, 0, -1, 0, 0, out var length, null), "save the model");
            var buffer = new byte[length];
            fixed (byte* data = buffer)
                LgbmNative.Check(LgbmNative.LGBM_BoosterSaveModelToString(_handle, 0, -1, 0, length, out length, data), "save the model");
            return buffer.AsSpan(0, (int)length - 1).ToArray();
        }
    }

    public void Predict(ReadOnlyMemory<float> matrix, int rows, Memory<double> scores)
    {
        if (rows == 0)
            return;
        if (matrix.Length < rows * Columns)
            throw new ArgumentException($"the matrix has {matrix.Length} values, {rows} rows of {Columns} need {rows * Columns}", nameof(matrix));
        var output = scores.Span[..(rows * Outputs)];
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_handle == 0, this);
            fixed (float* data = matrix.Span)
            fixed (double* result = output)
            {
                LgbmNative.Check(
                    LgbmNative.LGBM_BoosterPredictForMat(_handle, data, LgbmNative.Float32, rows, Columns, 1, LgbmNative.PredictNormal, 0, -1, string.Empty, out var length, result),
                    "score the rows");
                if (length != output.Length)
                    throw new InvalidOperationException($"LightGBM gave {length} values for {rows} rows of {Outputs}");
            }
        }
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        lock (_gate)
        {
            if (_handle != 0)
                LgbmNative.LGBM_BoosterFree(_handle);
            _handle = 0;
        }
    }

    /// <summary>LightGBM's parameter string: the objective of the task and the catalog's settings, seeded and deterministic.</summary>
    public static string Parameters(PredictionTask task, int classes, IReadOnlyDictionary<string, double> s, int seed)
    {
        string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        var parameters = new StringBuilder(task switch
        {
            PredictionTask.Binary => "objective=binary",
            PredictionTask.Multiclass => string.Create(CultureInfo.InvariantCulture, $"objective=multiclass num_class={classes}"),
            _ => "objective=regression",
        });
        parameters.Append(CultureInfo.InvariantCulture, $" learning_rate={Text(s["learning_rate"])} num_leaves={Text(s["leaves"])} min_data_in_leaf={Text(s["min_leaf"])}");
        parameters.Append(CultureInfo.InvariantCulture, $" num_threads={Environment.ProcessorCount} seed={seed} deterministic=true force_col_wise=true verbosity=-1");
        return parameters.ToString();
    }
}
