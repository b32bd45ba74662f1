using System.CommandLine;
using System.Globalization;

namespace Cauce.Cli.Commands;

/// <summary>Validation shared by options, applied at parse time so a bad value is a usage error (exit 2).</summary>
internal static class OptionRules
{
    /// <summary>The option's value must be at least <paramref name="minimum"/>.</summary>
    public static Option<long> AtLeast(this Option<long> option, long minimum)
    {
        option.Validators.Add(result =>
        {
            // A token that is not a number is the parser's error already; only judge numbers.
            if (result.Tokens is [.., var token]
                && long.TryParse(token.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                && value < minimum)
            {
                result.AddError($"{option.Name} must be {(minimum == 0 ? "0 or more" : $"at least {minimum.ToString(CultureInfo.InvariantCulture)}")}, got {token.Value}");
            }
        });
        return option;
    }
}
