using System.Diagnostics.CodeAnalysis;
using Samverka.Domain.Common;

namespace Samverka.Domain.Organisations;

/// <summary>
/// A Swedish organisationsnummer, NNNNNN-NNNN. The last digit is a Luhn check digit over the
/// first nine; the third digit is at least 2 for a legal entity (a personnummer has a month
/// 01–12 there, which is how the two are told apart); the first digit is the group
/// (2 state/municipality/församling, 5 aktiebolag, 7 ekonomisk förening, 8 ideell förening or
/// stiftelse, 9 handelsbolag). A twelve-digit form with the prefix 16 is accepted on input.
/// </summary>
public readonly record struct OrgNumber
{
    private OrgNumber(string digits) => Digits = digits;

    /// <summary>The ten digits without separator.</summary>
    public string Digits { get; }

    public int Group => Digits[0] - '0';

    public override string ToString() => Digits is null ? "" : $"{Digits[..6]}-{Digits[6..]}";

    public static OrgNumber Parse(string? input) =>
        TryParse(input, out var value, out var error) ? value : throw new DomainException(error, "OrgNumber");

    public static bool TryParse(string? input, out OrgNumber value, [NotNullWhen(false)] out string? error)
    {
        value = default;
        var text = (input ?? "").Trim();
        if (text.Length == 0)
        {
            error = "Ange organisationsnumret (NNNNNN-NNNN).";
            return false;
        }

        var digits = new string(text.Where(c => c != '-' && c != ' ').ToArray());
        if (digits.Length == 12 && digits.StartsWith("16", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }

        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit) || !IsWellPlacedDash(text))
        {
            error = "Organisationsnumret ska ha tio siffror, skrivet NNNNNN-NNNN.";
            return false;
        }

        if (digits[2] < '2')
        {
            error = "Det här ser ut som ett personnummer. Ange föreningens eller bolagets organisationsnummer.";
            return false;
        }

        if (LuhnCheckDigit(digits[..9]) != digits[9] - '0')
        {
            error = "Organisationsnumret är inte giltigt: kontrollsiffran stämmer inte.";
            return false;
        }

        value = new OrgNumber(digits);
        error = null;
        return true;
    }

    private static bool IsWellPlacedDash(string text)
    {
        var dash = text.IndexOf('-');
        return dash < 0 || (text.LastIndexOf('-') == dash && text.Length - dash == 5);
    }

    /// <summary>The Luhn (mod 10) check digit for the given digits, weights 2,1,2,1,… from the left.</summary>
    public static int LuhnCheckDigit(string nineDigits)
    {
        var sum = 0;
        for (var i = 0; i < nineDigits.Length; i++)
        {
            var d = (nineDigits[i] - '0') * (i % 2 == 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }

        return (10 - sum % 10) % 10;
    }
}
