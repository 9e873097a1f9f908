namespace Samverka.Domain.Organisations;

/// <summary>Associationsform of an idea-based organisation.</summary>
public enum LegalForm
{
    NonProfitAssociation = 1,      // ideell förening
    Foundation = 2,                // stiftelse
    RegisteredFaithCommunity = 3,  // registrerat trossamfund
    LimitedCompanyRestrictedProfit = 4, // aktiebolag med särskild vinstutdelningsbegränsning (SVB)
    EconomicAssociation = 5,       // ekonomisk förening: only case by case
}

public static class LegalForms
{
    public static readonly IReadOnlyList<LegalForm> All = Enum.GetValues<LegalForm>();

    public static string Swedish(this LegalForm form) => form switch
    {
        LegalForm.NonProfitAssociation => "Ideell förening",
        LegalForm.Foundation => "Stiftelse",
        LegalForm.RegisteredFaithCommunity => "Registrerat trossamfund",
        LegalForm.LimitedCompanyRestrictedProfit => "Aktiebolag med särskild vinstutdelningsbegränsning (SVB)",
        LegalForm.EconomicAssociation => "Ekonomisk förening",
        _ => form.ToString(),
    };

    /// <summary>The organisationsnummer groups a legal form is registered under.</summary>
    public static IReadOnlyList<int> OrgNumberGroups(this LegalForm form) => form switch
    {
        LegalForm.NonProfitAssociation => [8],
        LegalForm.Foundation => [8],
        LegalForm.RegisteredFaithCommunity => [2, 8],
        LegalForm.LimitedCompanyRestrictedProfit => [5],
        LegalForm.EconomicAssociation => [7],
        _ => [],
    };

    /// <summary>Swedish reason why the number cannot belong to this legal form, or null.</summary>
    public static string? MismatchWith(this LegalForm form, OrgNumber number) =>
        form.OrgNumberGroups().Contains(number.Group)
            ? null
            : $"Organisationsnummer som börjar på {number.Group} hör inte till associationsformen {form.Swedish()}.";
}
