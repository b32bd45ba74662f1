using Cauce.Core.Conventions;
using Cauce.Ml.Inference;
using Cauce.Ml.Modeling;

namespace Cauce.Serving;

/// <summary>
/// A loaded model being served: its card, the model and its pool of engines. Requests lease it; the host holds one
/// lease of its own. When the host swaps in another model it drops its lease, and the model is disposed once the
/// last request scoring with it has finished — so a swap never cuts a request short.
/// </summary>
internal sealed class ServedModel(ModelFileName name, ModelCard card, TrainedModel model)
{
    private int _leases = 1;

    public ModelFileName Name { get; } = name;

    public ModelCard Card { get; } = card;

    public ScoringPool Pool { get; } = new(model);

    public bool TryAcquire()
    {
        while (true)
        {
            var leases = Volatile.Read(ref _leases);
            if (leases == 0)
                return false;
            if (Interlocked.CompareExchange(ref _leases, leases + 1, leases) == leases)
                return true;
        }
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _leases) == 0)
            Pool.Model.Dispose();
    }
}

/// <summary>
/// Which model the server scores with, now. Serving an alias, it polls the registry (<c>models/aliases.yaml</c>)
/// and, when the alias moves to another version, loads that one beside the current and swaps it in atomically:
/// requests in flight finish on the old model, new ones get the new. A model that fails to load is reported and
/// the current one kept.
/// </summary>
internal sealed class ModelHost : IDisposable
{
    private readonly Func<ModelFileName> _resolve;
    private readonly Func<ModelFileName, (ModelCard Card, TrainedModel Model)> _load;
    private readonly Action<string> _log;
    private readonly Timer? _timer;
    private readonly Lock _swapping = new();
    private ServedModel _current;
    private string? _lastProblem;

    /// <param name="resolve">Which model should be served (for an alias, asks the registry each time).</param>
    /// <param name="load">Loads a model with its card.</param>
    /// <param name="follow">Whether to poll <paramref name="resolve"/> for a new model every <paramref name="interval"/>.</param>
    /// <param name="interval">How often to poll.</param>
    /// <param name="log">Where to report swaps and failed loads.</param>
    public ModelHost(Func<ModelFileName> resolve, Func<ModelFileName, (ModelCard Card, TrainedModel Model)> load, bool follow, TimeSpan interval, Action<string> log)
    {
        _resolve = resolve;
        _load = load;
        _log = log;
        var name = resolve();
        var (card, model) = load(name);
        _current = new ServedModel(name, card, model);
        if (follow)
            _timer = new Timer(_ => Refresh(), null, interval, interval);
    }

    /// <summary>The model now served, leased: release it when the request is done with it.</summary>
    public ServedModel Acquire()
    {
        while (true)
        {
            var current = Volatile.Read(ref _current);
            if (current.TryAcquire())
                return current;
        }
    }

    /// <summary>Loads and swaps in the model <c>resolve</c> names, if it is another one; true when it swapped.</summary>
    public bool Refresh()
    {
        if (!_swapping.TryEnter())
            return false;
        try
        {
            var name = _resolve();
            if (name == Volatile.Read(ref _current).Name)
                return false;
            var (card, model) = _load(name);
            var previous = Interlocked.Exchange(ref _current, new ServedModel(name, card, model));
            previous.Release();
            _lastProblem = null;
            _log($"now serving {name.Stem} (was {previous.Name.Stem})");
            return true;
        }
        catch (Exception e) when (e is Core.Errors.CauceException or IOException)
        {
            if (e.Message != _lastProblem)
                _log($"keeping {Volatile.Read(ref _current).Name.Stem}: {e.Message}");
            _lastProblem = e.Message;
            return false;
        }
        finally
        {
            _swapping.Exit();
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        Volatile.Read(ref _current).Release();
    }
}
