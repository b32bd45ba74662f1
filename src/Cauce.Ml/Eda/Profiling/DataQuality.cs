using Cauce.Ml.Data.Schema;

namespace Cauce.Ml.Eda.Profiling;

/// <summary>
/// The dirt a profile shows, as sentences: duplicates, missing values (and how they were written), sentinels,
/// labels spelled several ways, stray spaces, outliers, mixed types, constant and identifier columns, flags encoded
/// two ways, and for the target missing values and features that match it too well.
/// </summary>
internal static class DataQuality
{
    /// <summary>A feature this closely tied to the target is suspicious.</summary>
    public const double LeakageStrength = 0.95;

    public static IReadOnlyList<Finding> Findings(DatasetProfile profile)
    {
        var findings = new List<Finding>();
        Duplicates(profile, findings);
        foreach (var column in profile.Columns)
            Column(column, profile.Rows, findings);
        FlagEncodings(profile, findings);
        if (profile.Target is { } target)
            Target(profile, target, findings);
        return findings;
    }

    private static void Duplicates(DatasetProfile profile, List<Finding> findings)
    {
        var d = profile.Duplicates;
        var atLeast = d.LowerBound ? "at least " : "";
        if (d.Exact > 0)
        {
            findings.Add(new Finding(FindingKinds.Duplicates, null,
                $"{atLeast}{ReportText.Plural(d.Exact, "row", "rows")} ({ReportText.Share(d.Exact, profile.Rows)}) {(d.Exact == 1 ? "is an exact copy" : "are exact copies")} of an earlier row", d.Exact));
        }

        if (d.IgnoringIdentifiers > d.Exact)
        {
            findings.Add(new Finding(FindingKinds.Duplicates, null,
                $"{atLeast}{ReportText.Plural(d.IgnoringIdentifiers, "row", "rows")} ({ReportText.Share(d.IgnoringIdentifiers, profile.Rows)}) {(d.IgnoringIdentifiers == 1 ? "repeats" : "repeat")} an earlier row in every column but " +
                $"{ReportText.List(d.IdentifierColumns.Select(ReportText.Code))}: the same record under another id?", d.IgnoringIdentifiers));
        }
    }

    private static void Column(ColumnProfile c, long rows, List<Finding> findings)
    {
        var name = ReportText.Code(c.Name);
        if (c.Present == 0)
        {
            findings.Add(new Finding(FindingKinds.Empty, c.Name, $"{name} is empty on every row", rows));
            return;
        }

        if (c.Mixed is { } mixed)
        {
            var line = mixed.Line is { } l ? $" (line {ReportText.Count(l)})" : "";
            findings.Add(new Finding(FindingKinds.Mixed, c.Name,
                $"{name} {mixed.Problem}{line}: {ReportText.Plural(mixed.Numbers, "number", "numbers")} and {ReportText.Plural(mixed.Others, "other value", "other values")}; profiled as {c.Type.Name()} here", mixed.Others));
        }

        if (c.Missing.Total > 0)
        {
            var how = new List<string>();
            if (c.Missing.Blank > 0)
                how.Add($"{ReportText.Count(c.Missing.Blank)} empty");
            if (c.Missing.WhitespaceOnly > 0)
                how.Add($"{ReportText.Count(c.Missing.WhitespaceOnly)} only spaces");
            if (c.Missing.Tokens > 0)
                how.Add($"{ReportText.Count(c.Missing.Tokens)} written as a missing token (NA, null…)");
            var kind = c.Type.IsNumeric() ? $" in {(c.Type == ColumnType.Integer ? "an integer" : "a number")} column" : "";
            findings.Add(new Finding(FindingKinds.Missing, c.Name,
                $"{name}: {ReportText.Plural(c.Missing.Total, "missing value", "missing values")} ({ReportText.Share(c.Missing.Total, c.Rows)}){kind}: {ReportText.List(how)}", c.Missing.Total));
        }

        if (c.Numeric is { } numeric)
        {
            foreach (var s in numeric.Sentinels)
            {
                var gap = Math.Abs(s.Value - s.NearestOther);
                var where = s.Side == "low" ? "below" : "above";
                findings.Add(new Finding(FindingKinds.Sentinel, c.Name,
                    $"{name}: {ReportText.Code(ReportText.Number(s.Value))} on {ReportText.Plural(s.Count, "row", "rows")} ({ReportText.Share(s.Count, c.Present)}), {ReportText.Number(gap)} {where} the next value ({ReportText.Code(ReportText.Number(s.NearestOther))}): possible sentinel for an unknown value", s.Count));
            }
        }

        if (c.SpellingVariants.Count > 0)
        {
            var respelled = c.TopValues.Sum(t => t.OtherSpellings);
            var spellings = c.SpellingVariants.Sum(v => v.Spellings.Count);
            var example = c.SpellingVariants.OrderByDescending(v => v.Spellings.Sum(s => s.Count)).First();
            var others = example.Spellings.Where(s => s.Spelling != example.Label).Take(3).Select(s => $"{ReportText.Quoted(s.Spelling)} ({ReportText.Count(s.Count)})");
            findings.Add(new Finding(FindingKinds.Spellings, c.Name,
                $"{name}: {ReportText.Plural(c.SpellingVariants.Count, "label is", "labels are")} written {ReportText.Count(spellings)} ways, e.g. {ReportText.Quoted(example.Label)} also as {ReportText.List(others)}; " +
                $"{ReportText.Plural(respelled, "value", "values")} ({ReportText.Share(respelled, c.Present)}) {(respelled == 1 ? "differs from its" : "differ from their")} label's usual spelling", respelled));
        }

        if (c.Padded > 0)
        {
            findings.Add(new Finding(FindingKinds.Padded, c.Name,
                $"{name}: {ReportText.Plural(c.Padded, "value", "values")} ({ReportText.Share(c.Padded, c.Present)}) {(c.Padded == 1 ? "has" : "have")} spaces at either end", c.Padded));
        }

        if (c.Numeric is { Outliers: > 0 } outlying)
        {
            var about = outlying.QuantilesSampled ? "about " : "";
            findings.Add(new Finding(FindingKinds.Outliers, c.Name,
                $"{name}: {about}{ReportText.Plural(outlying.Outliers, "value", "values")} ({ReportText.Share(outlying.Outliers, c.Present)}) {(outlying.Outliers == 1 ? "lies" : "lie")} beyond 3 IQR of the quartiles, outside " +
                $"{ReportText.Number(outlying.LowerFence)} to {ReportText.Number(outlying.UpperFence)} (min {ReportText.Number(outlying.Min)}, max {ReportText.Number(outlying.Max)})", outlying.Outliers));
        }

        if (c.Distinct == 1 && !c.DistinctEstimated && c.Mixed is null)
        {
            var only = c.TopValues.Count > 0 ? $" ({ReportText.Code(c.TopValues[0].Label)})" : "";
            findings.Add(new Finding(FindingKinds.Constant, c.Name, $"{name} holds one value{only} wherever present: it carries no information", c.Present));
        }

        if (c.IdentifierLike)
        {
            var message = c.Numeric is { } n
                ? $"{name} counts rows ({ReportText.Number(n.Min)} to {ReportText.Number(n.Max)}): a row number, not a feature"
                : $"{name} has a distinct value on almost every row ({(c.DistinctEstimated ? "≈" : "")}{ReportText.Count(c.Distinct)} distinct): an identifier, not a feature";
            findings.Add(new Finding(FindingKinds.Identifier, c.Name, message));
        }
    }

    /// <summary>Yes/no columns where some are 0/1 and others words (SeniorCitizen beside Partner in Telco).</summary>
    private static void FlagEncodings(DatasetProfile profile, List<Finding> findings)
    {
        var flags = profile.Columns.Where(c => c.Type == ColumnType.Boolean && c.TopValues.Count > 0).ToList();
        var digits = flags.Where(c => c.TopValues.All(t => t.Label is "0" or "1")).ToList();
        var words = flags.Except(digits).ToList();
        if (digits.Count == 0 || words.Count == 0)
            return;
        var spelled = string.Join("/", words[0].TopValues.Select(t => t.Label).Take(2));
        findings.Add(new Finding(FindingKinds.FlagEncodings, null,
            $"yes/no columns are written two ways: {ReportText.List(digits.Select(c => ReportText.Code(c.Name)))} as 0/1, {ReportText.List([.. words.Take(4).Select(c => ReportText.Code(c.Name)), .. words.Count > 4 ? new[] { $"{words.Count - 4} more" } : []])} as words ({ReportText.Code(spelled)})",
            digits.Count));
    }

    private static void Target(DatasetProfile profile, TargetProfile target, List<Finding> findings)
    {
        if (target.Missing > 0)
        {
            findings.Add(new Finding(FindingKinds.TargetMissing, target.Column,
                $"the target {ReportText.Code(target.Column)} is missing on {ReportText.Plural(target.Missing, "row", "rows")} ({ReportText.Share(target.Missing, profile.Rows)}): they can neither train nor test a model", target.Missing));
        }

        foreach (var relation in target.Related.Where(r => r.Strength >= LeakageStrength))
        {
            findings.Add(new Finding(FindingKinds.Leakage, relation.Feature,
                $"{ReportText.Code(relation.Feature)} goes with the target {ReportText.Code(target.Column)} almost perfectly ({Measures.Symbol(relation.Measure)} = {ReportText.Number(relation.Value)}): check that it is not derived from the target (leakage)"));
        }
    }
}
