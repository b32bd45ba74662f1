namespace Cauce.Ml.Data.Schema;

/// <summary>
/// The values declared to mean "missing" in one column (-1, 999, "desconocido"…). Text matches exactly; a number
/// matches any spelling of the same number (999 matches 999.0).
/// </summary>
public sealed class SentinelSet
{
    public static readonly SentinelSet None = new([]);

    private readonly string[] _texts;
    private readonly double[] _numbers;

    public SentinelSet(IEnumerable<string> sentinels)
    {
        _texts = [.. sentinels.Select(s => s.Trim())];
        _numbers = [.. _texts.Select(s => Values.TryNumber(s, out var n) ? n : double.NaN).Where(n => !double.IsNaN(n))];
    }

    public bool IsEmpty => _texts.Length == 0;

    /// <summary>Whether a trimmed value is one of the sentinels.</summary>
    public bool Contains(ReadOnlySpan<char> value)
    {
        if (_texts.Length == 0)
            return false;
        foreach (var text in _texts)
        {
            if (value.SequenceEqual(text))
                return true;
        }

        return _numbers.Length > 0 && Values.TryNumber(value, out var number) && Array.IndexOf(_numbers, number) >= 0;
    }
}
