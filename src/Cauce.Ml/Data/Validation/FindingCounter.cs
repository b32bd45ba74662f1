namespace Cauce.Ml.Data.Validation;

/// <summary>Counts the rows that break one rule and keeps the first few line numbers to show.</summary>
internal sealed class FindingCounter(Severity severity, string rule, string? column)
{
    public const int LinesKept = 5;

    private readonly List<long> _lines = [];

    public long Count { get; private set; }

    public string? Example { get; private set; }

    public void Hit(long line, ReadOnlySpan<char> value = default)
    {
        Count++;
        if (_lines.Count < LinesKept)
            _lines.Add(line);
        if (Example is null && !value.IsEmpty)
            Example = value.ToString();
    }

    public ValidationFinding? ToFinding(Func<FindingCounter, string> message) =>
        Count == 0 ? null : new ValidationFinding(severity, rule, column, Count, _lines, message(this));
}
