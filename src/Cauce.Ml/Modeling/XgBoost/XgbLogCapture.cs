namespace Cauce.Ml.Modeling.XgBoost;

/// <summary>
/// Collects what XGBoost logs on this thread while it is open (its warnings: parameters it did not use, deprecations),
/// so they can travel with the booster instead of landing on the console of whoever runs Cauce.
/// </summary>
internal sealed class XgbLogCapture : IDisposable
{
    [ThreadStatic]
    private static XgbLogCapture? t_current;

    private readonly XgbLogCapture? _outer;
    private readonly List<string> _messages = [];

    private XgbLogCapture()
    {
        _outer = t_current;
        t_current = this;
    }

    /// <summary>The messages logged so far, trimmed, in order.</summary>
    public IReadOnlyList<string> Messages => _messages;

    /// <summary>Starts capturing what XGBoost logs on the calling thread.</summary>
    public static XgbLogCapture Start()
    {
        XgbNative.RouteLogOfThisThread();
        return new XgbLogCapture();
    }

    /// <summary>Called from XGBoost's log callback, on the thread that logged.</summary>
    internal static void Write(string message)
    {
        message = message.Trim();
        if (message.Length == 0)
            return;

        if (t_current is { } capture)
            capture._messages.Add(message);
        else
            Console.Error.WriteLine(message); // what XGBoost itself does when nobody listens
    }

    public void Dispose() => t_current = _outer;
}
