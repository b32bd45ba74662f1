using Cauce.Core.Errors;

namespace Cauce.Ml.Modeling.XgBoost;

/// <summary>
/// <c>xgb</c> was asked for and the XGBoost native library is not on this machine. Cauce never trains something
/// else in its place; it says what is missing and how to install it.
/// </summary>
public sealed class XgbUnavailableException()
    : CauceException(
        $"the XGBoost library ({XgbNative.DebianFile}) is not installed, so the 'xgb' algorithm cannot run",
        "apt-get install libxgboost0 (Debian/Ubuntu)")
{
}

/// <summary>XGBoost refused or failed a call; the message carries XGBoost's own words.</summary>
public sealed class XgbException : CauceException
{
    internal XgbException(string operation, string nativeMessage, string? hint = null)
        : base($"XGBoost could not {operation}: {XgbMessages.Clean(nativeMessage)}", hint)
    {
        Operation = operation;
        NativeMessage = nativeMessage;
    }

    /// <summary>The hint for a failure while training, where the usual cause is a parameter or labels the objective rejects.</summary>
    internal const string ParametersHint =
        "check the parameter names and values (https://xgboost.readthedocs.io/en/release_1.7.0/parameter.html) and that the labels suit the objective";

    /// <summary>What was being done ("train round 1", "load the model").</summary>
    public string Operation { get; }

    /// <summary>XGBoost's message, verbatim (<c>XGBGetLastError</c>), including any native stack trace.</summary>
    public string NativeMessage { get; }
}
