using System.Runtime.InteropServices;
using System.Globalization;
using Cauce.Ml.Modeling.Training;

namespace Cauce.Ml.Modeling.XgBoost;

/// <summary>A trained XGBoost booster (a native handle, freed on <see cref="Dispose"/> or, if leaked, by the finalizer).</summary>
/// <remarks>
/// This is the real XGBoost, driven through its C API the way its Python package drives it: the same calls, the same
/// defaults (<c>validate_parameters</c> on), so a model trained here and one trained by Python on the same data and
/// parameters have the same trees and the same JSON (<c>xgb.train</c> only adds its best_iteration attributes).
/// Matrices are dense, row-major, <see cref="float"/>, with <see cref="float.NaN"/> for a missing value.
/// One booster may be used from several threads, but its calls take turns: XGBoost's guarantees for concurrent calls
/// on one booster vary by call and version, and <see cref="Dispose"/> must not free it while a call is still copying
/// the result out of XGBoost's buffer.
/// </remarks>
public sealed class XgbBooster : IMatrixPredictor
{
    // XGBoost's own key for "JSON, not the legacy binary format"; JSON is text and the same model gives the same bytes.
    private const string JsonFormat = """{"format": "json"}""";

    /// <summary>The model zip's entry holding the booster (XGBoost's JSON).</summary>
    public const string FileEntry = "cauce/xgboost.json";

    private static readonly Lazy<string?> s_version = new(XgbNative.TryGetVersion);

    private readonly XgbBoosterHandle _handle;
    private readonly Lock _gate = new();

    private XgbBooster(XgbBoosterHandle handle, IReadOnlyList<string> warnings)
    {
        _handle = handle;
        Warnings = warnings;
        XgbNative.Check(XgbNative.XGBoosterGetNumFeature(_handle, out var columns), "read the model's number of features");
        Columns = checked((int)columns);
    }

    /// <summary>Whether the XGBoost native library loads here and answers <c>XGBoostVersion</c>.</summary>
    public static bool IsAvailable => Version is not null;

    /// <summary>The loaded library's version ("1.7.4"), or null when it is not installed.</summary>
    public static string? Version => s_version.Value;

    /// <summary>The number of features (columns) the model expects (<c>XGBoosterGetNumFeature</c>).</summary>
    public int Columns { get; }

    /// <summary>
    /// What XGBoost warned about while this booster was trained or loaded, e.g. a parameter it did not use
    /// (a misspelt name is accepted by XGBoost and only warned about). Empty when it had nothing to say.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Trains a booster for <paramref name="rounds"/> rounds.</summary>
    /// <param name="features">A dense row-major matrix, <paramref name="rows"/> × <paramref name="columns"/>; NaN is a missing value.</param>
    /// <param name="rows">The number of rows (examples), at least 1.</param>
    /// <param name="columns">The number of columns (features), at least 1.</param>
    /// <param name="labels">One label per row (a class index 0…k-1 for classification, a value for regression).</param>
    /// <param name="parameters">
    /// Parameters as XGBoost names them: <c>objective</c>, <c>eta</c>, <c>max_depth</c>, <c>subsample</c>,
    /// <c>colsample_bytree</c>, <c>lambda</c>, <c>alpha</c>, <c>min_child_weight</c>, <c>num_class</c>, <c>nthread</c>,
    /// <c>seed</c>, <c>tree_method</c>, <c>eval_metric</c>… Values are XGBoost's strings, invariant culture.
    /// Training is deterministic for a fixed <c>seed</c> and <c>nthread</c>. Beware <c>verbosity</c>: XGBoost keeps it
    /// process-wide, so it outlives this call.
    /// </param>
    /// <param name="rounds">The number of boosting rounds (trees per class), at least 1.</param>
    /// <param name="progress">Told the number of rounds done after each round.</param>
    /// <param name="cancellationToken">Checked before each round.</param>
    /// <exception cref="XgbUnavailableException">The native library is not installed.</exception>
    /// <exception cref="XgbException">XGBoost refused a parameter or the data; the message is XGBoost's.</exception>
    public static XgbBooster Train(
        ReadOnlySpan<float> features,
        int rows,
        int columns,
        ReadOnlySpan<float> labels,
        IReadOnlyDictionary<string, string> parameters,
        int rounds,
        IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        CheckMatrix(features, rows, columns);
        if (labels.Length != rows)
            throw new ArgumentException($"there are {labels.Length} labels for {rows} rows: give exactly one label per row", nameof(labels));
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rounds);
        var settings = Settings(parameters);
        EnsureAvailable();
        cancellationToken.ThrowIfCancellationRequested();

        using var log = XgbLogCapture.Start();
        using var train = CreateTrainingMatrix(features, rows, columns, parameters);
        SetLabels(train, labels);

        var handle = CreateBooster(train);
        try
        {
            foreach (var (name, value) in settings)
                XgbNative.Check(XgbNative.XGBoosterSetParam(handle, name, value), $"set the parameter {name}={value}", XgbException.ParametersHint);

            for (var round = 0; round < rounds; round++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                XgbNative.Check(
                    XgbNative.XGBoosterUpdateOneIter(handle, round, train),
                    string.Create(CultureInfo.InvariantCulture, $"train round {round + 1}"),
                    XgbException.ParametersHint);
                progress?.Report(round + 1);
            }

            return new XgbBooster(handle, [.. log.Messages.Select(XgbMessages.Clean)]);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Loads a model saved by <see cref="Save"/> (or by any XGBoost ≥ 1.0 as JSON, UBJSON or binary).</summary>
    /// <exception cref="XgbUnavailableException">The native library is not installed.</exception>
    /// <exception cref="XgbException">The bytes are not a model XGBoost can read.</exception>
    public static unsafe XgbBooster Load(ReadOnlySpan<byte> model)
    {
        if (model.IsEmpty)
            throw new ArgumentException("the model is empty", nameof(model));
        EnsureAvailable();

        using var log = XgbLogCapture.Start();
        var handle = CreateBooster(train: null);
        try
        {
            fixed (byte* data = model)
            {
                XgbNative.Check(
                    XgbNative.XGBoosterLoadModelFromBuffer(handle, data, (ulong)model.Length),
                    "load the model",
                    "the bytes must be a model saved by XGBoost (JSON, UBJSON or binary)");
            }

            return new XgbBooster(handle, [.. log.Messages.Select(XgbMessages.Clean)]);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Raw predictions, row-major: one value per row (a probability for <c>binary:logistic</c>, a value for regression)
    /// or <c>num_class</c> values per row (<c>multi:softprob</c>), from every tree.
    /// </summary>
    /// <param name="features">A dense row-major matrix, <paramref name="rows"/> × <paramref name="columns"/>; NaN is a missing value.</param>
    /// <param name="rows">The number of rows, at least 1.</param>
    /// <param name="columns">The number of columns: must be <see cref="Columns"/>.</param>
    public unsafe float[] Predict(ReadOnlySpan<float> features, int rows, int columns)
    {
        CheckMatrix(features, rows, columns);
        if (columns != Columns)
            throw new ArgumentException($"the model expects {Columns} columns and the matrix has {columns}", nameof(columns));
        ObjectDisposedException.ThrowIf(_handle.IsClosed, this);

        using var matrix = CreateMatrix(features, rows, columns);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);

            // The classic call is the simplest one that is right here: option_mask 0 (plain values), ntree_limit 0
            // (every tree), training 0 (no dart dropout). It returns one flat buffer, values per row = length / rows.
            XgbNative.Check(
                XgbNative.XGBoosterPredict(_handle, matrix, optionMask: 0, treeLimit: 0, training: 0, out var length, out var result),
                "predict");
            return new ReadOnlySpan<float>(result, checked((int)length)).ToArray();
        }
    }

    string IMatrixPredictor.Entry => FileEntry;

    void IMatrixPredictor.Predict(ReadOnlyMemory<float> matrix, int rows, Memory<double> scores)
    {
        var raw = Predict(matrix.Span[..(rows * Columns)], rows, Columns);
        var to = scores.Span;
        for (var i = 0; i < raw.Length; i++)
            to[i] = raw[i];
    }

    /// <summary>The model as XGBoost's JSON (<c>XGBoosterSaveModelToBuffer</c>, format json): UTF-8 text, the same bytes for the same model.</summary>
    public unsafe byte[] Save()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            XgbNative.Check(XgbNative.XGBoosterSaveModelToBuffer(_handle, JsonFormat, out var length, out var data), "save the model");
            return new ReadOnlySpan<byte>(data, checked((int)length)).ToArray();
        }
    }

    /// <summary>Frees the native booster; waits for a call in progress on another thread to end first.</summary>
    public void Dispose()
    {
        lock (_gate)
            _handle.Dispose();
    }

    private static void EnsureAvailable()
    {
        if (!IsAvailable)
            throw new XgbUnavailableException();
    }

    private static void CheckMatrix(ReadOnlySpan<float> features, int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rows);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(columns);
        if (features.Length != (long)rows * columns)
        {
            throw new ArgumentException(
                $"the feature matrix has {features.Length} values, and {rows} rows × {columns} columns needs {(long)rows * columns}",
                nameof(features));
        }
    }

    // Python's Booster turns validate_parameters on, so that XGBoost warns about a parameter it does not use; so do we.
    // Set in ordinal order so that the calls never depend on how the caller's dictionary enumerates.
    private static List<KeyValuePair<string, string>> Settings(IReadOnlyDictionary<string, string> parameters)
    {
        var settings = new List<KeyValuePair<string, string>>(parameters.Count + 1);
        foreach (var (name, value) in parameters)
        {
            if (string.IsNullOrWhiteSpace(name))
                throw new ArgumentException("a parameter has an empty name", nameof(parameters));
            if (value is null)
                throw new ArgumentException($"the parameter '{name}' has no value", nameof(parameters));
            settings.Add(new(name, value));
        }

        if (!parameters.ContainsKey("validate_parameters"))
            settings.Add(new("validate_parameters", "1"));

        settings.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return settings;
    }

    private static unsafe XgbMatrixHandle CreateMatrix(ReadOnlySpan<float> features, int rows, int columns)
    {
        XgbMatrixHandle matrix;
        int result;
        fixed (float* data = features)
            result = XgbNative.XGDMatrixCreateFromMat(data, (ulong)rows, (ulong)columns, float.NaN, out matrix);

        if (result != 0)
        {
            matrix.Dispose();
            XgbNative.Check(result, "read the feature matrix");
        }

        return matrix;
    }

    /// <summary>
    /// The training matrix. With the hist method it is a QuantileDMatrix, as XGBoost's scikit-learn interface makes
    /// one: the rows are cut into histogram bins as they are read, with no plain copy of the matrix kept and no
    /// second sketch when training starts. Libraries before 1.7 (no such call) get the plain DMatrix.
    /// </summary>
    private static unsafe XgbMatrixHandle CreateTrainingMatrix(ReadOnlySpan<float> features, int rows, int columns, IReadOnlyDictionary<string, string> parameters)
    {
        if (!parameters.TryGetValue("tree_method", out var method) || method != "hist" || !s_quantileMatrix)
            return CreateMatrix(features, rows, columns);

        using var proxy = CreateProxy();
        if (proxy is null)
            return CreateMatrix(features, rows, columns);
        var threads = parameters.TryGetValue("nthread", out var n) ? n : "0";
        var bins = parameters.TryGetValue("max_bin", out var b) ? b : "256";
        fixed (float* data = features)
        {
            var batch = new SingleBatch(proxy.DangerousGetHandle(),
                string.Create(CultureInfo.InvariantCulture, $$"""{"data":[{{(ulong)data}},true],"shape":[{{rows}},{{columns}}],"typestr":"<f4","version":3}"""));
            var state = GCHandle.Alloc(batch);
            try
            {
                int result;
                XgbMatrixHandle matrix;
                try
                {
                    result = XgbNative.XGQuantileDMatrixCreateFromCallback(GCHandle.ToIntPtr(state), proxy, 0, &SingleBatch.Reset, &SingleBatch.Next,
                        $$"""{"nthread":{{threads}},"missing":NaN,"max_bin":{{bins}}}""", out matrix);
                }
                catch (EntryPointNotFoundException)
                {
                    // XGBoost before 1.7 has the proxy (1.4) but not this call.
                    s_quantileMatrix = false;
                    return CreateMatrix(features, rows, columns);
                }

                if (result != 0 || batch.Failed)
                {
                    matrix.Dispose();
                    XgbNative.Check(result != 0 ? result : -1, "read the feature matrix");
                }

                return matrix;
            }
            finally
            {
                state.Free();
            }
        }
    }

    private static bool s_quantileMatrix = true;

    private static XgbMatrixHandle? CreateProxy()
    {
        try
        {
            XgbNative.Check(XgbNative.XGProxyDMatrixCreate(out var proxy), "read the feature matrix");
            return proxy;
        }
        catch (EntryPointNotFoundException)
        {
            s_quantileMatrix = false;
            return null;
        }
    }

    /// <summary>The one batch a QuantileDMatrix is built from: the whole matrix, put on the proxy when XGBoost asks for the next batch.</summary>
    private sealed class SingleBatch(nint proxy, string arrayInterface)
    {
        private bool _served;

        public bool Failed { get; private set; }

        [System.Runtime.InteropServices.UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
        public static void Reset(nint iterator) => ((SingleBatch)GCHandle.FromIntPtr(iterator).Target!)._served = false;

        [System.Runtime.InteropServices.UnmanagedCallersOnly(CallConvs = [typeof(System.Runtime.CompilerServices.CallConvCdecl)])]
        public static int Next(nint iterator)
        {
            var batch = (SingleBatch)GCHandle.FromIntPtr(iterator).Target!;
            if (batch._served || batch.Failed)
                return 0;
            batch._served = true;
            if (XgbNative.XGProxyDMatrixSetDataDense(batch.Proxy, batch.ArrayInterface) == 0)
                return 1;
            batch.Failed = true;
            return 0;
        }

        private nint Proxy => proxy;

        private string ArrayInterface => arrayInterface;
    }

    private static unsafe void SetLabels(XgbMatrixHandle matrix, ReadOnlySpan<float> labels)
    {
        fixed (float* data = labels)
            XgbNative.Check(XgbNative.XGDMatrixSetFloatInfo(matrix, "label", data, (ulong)labels.Length), "set the labels");
    }

    // The training matrix goes into the booster's cache, as Python's Booster(params, [dtrain]) does: XGBoost then keeps
    // the running predictions on it between rounds instead of recomputing them.
    private static unsafe XgbBoosterHandle CreateBooster(XgbMatrixHandle? train)
    {
        XgbBoosterHandle booster;
        int result;
        if (train is null)
        {
            result = XgbNative.XGBoosterCreate(null, 0, out booster);
        }
        else
        {
            var added = false;
            try
            {
                train.DangerousAddRef(ref added);
                var raw = train.DangerousGetHandle();
                result = XgbNative.XGBoosterCreate(&raw, 1, out booster);
            }
            finally
            {
                if (added)
                    train.DangerousRelease();
            }
        }

        if (result != 0)
        {
            booster.Dispose();
            XgbNative.Check(result, "create a booster");
        }

        return booster;
    }
}
