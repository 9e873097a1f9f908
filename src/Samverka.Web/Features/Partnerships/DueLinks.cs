using Samverka.Domain.Partnerships;

namespace Samverka.Web.Features.Partnerships;

/// <summary>
/// Where a due item is done: the page of its concern and the form on it, with the item chosen
/// (the quarter, the year). One place for the start page, the partnership overview and the
/// reminders, so each link opens the form that resolves what it names.
/// </summary>
public static class DueLinks
{
    public static string Href(Guid partnershipId, DueKind kind, string key)
    {
        var parts = key.Split(':');
        var page = (kind, parts) switch
        {
            (DueKind.Meeting, _) => "styrgrupp#moten",
            (DueKind.YearlyFollowUp, _) => "uppfoljning#uppfoljning",
            (DueKind.QuarterlyFollowUp, [_, var year, var quarter]) => $"uppfoljning?kvartal={year}-{quarter}#kvartal",
            (DueKind.TripartiteReview, _) => "uppfoljning#uppfoljning-lopande",
            (DueKind.Payment, _) => "ekonomi#utbetalningar",
            _ => "fornyelse",
        };
        return $"/partnerskap/{partnershipId}/{page}";
    }
}
