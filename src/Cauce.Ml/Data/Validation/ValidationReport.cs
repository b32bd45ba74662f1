namespace Cauce.Ml.Data.Validation;

/// <summary>Whether a finding stops the pipeline (an error) or is something prepare will fix (a warning).</summary>
public enum Severity
{
    Error,
    Warning,
}

/// <summary>One rule broken in one column: how often, on which lines (the first few), and what it means.</summary>
public sealed record ValidationFinding(Severity Severity, string Rule, string? Column, long Count, IReadOnlyList<long> Lines, string Message);

/// <summary>Everything <c>cauce validate</c> found in one file.</summary>
public sealed record ValidationReport(string Dataset, string File, long Rows, IReadOnlyList<ValidationFinding> Findings)
{
    public int Errors => Findings.Count(f => f.Severity == Severity.Error);

    public int Warnings => Findings.Count(f => f.Severity == Severity.Warning);

    public bool Passed => Errors == 0;
}

/// <summary>The ids of the validation rules.</summary>
public static class ValidationRules
{
    public const string MissingColumn = "missing-column";
    public const string Type = "type";
    public const string Category = "category";
    public const string Range = "range";
    public const string MissingShare = "missing-share";
    public const string Unique = "unique";
    public const string DuplicateRows = "duplicate-rows";
    public const string TargetMissing = "target-missing";
    public const string Spelling = "spelling";
}
