using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Samverka.Web.Infrastructure.Web;

/// <summary>Model-binding messages (a number field with letters, a missing value) in Swedish.</summary>
public static class SwedishModelBinding
{
    public static void Configure(DefaultModelBindingMessageProvider p)
    {
        p.SetValueMustBeANumberAccessor(_ => "Ange ett tal.");
        p.SetAttemptedValueIsInvalidAccessor((value, _) => $"Värdet ”{value}” är inte giltigt.");
        p.SetValueIsInvalidAccessor(value => $"Värdet ”{value}” är inte giltigt.");
        p.SetMissingBindRequiredValueAccessor(_ => "Värdet saknas.");
        p.SetMissingKeyOrValueAccessor(() => "Värdet saknas.");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "Förfrågan saknar innehåll.");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"Värdet ”{value}” är inte giltigt.");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Värdet är inte giltigt.");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "Ange ett tal.");
        p.SetUnknownValueIsInvalidAccessor(_ => "Värdet är inte giltigt.");
        p.SetValueMustNotBeNullAccessor(_ => "Fältet måste fyllas i.");
    }
}
