using Microsoft.AspNetCore.Html;
using Samverka.Domain.Partnerships;

namespace Samverka.Web.Features.Partnerships;

/// <summary>
/// For a form that offers several records to choose from (which payment, which year's report):
/// the version the page showed of each, posted as <c>{Form}.Versions[id]</c>, so the service checks
/// the one chosen and a change of another record never collides with it.
/// </summary>
public static class RecordVersions
{
    public static IHtmlContent For(string form, IEnumerable<IPartnershipRecord> records) => For(form, records.Select(r => (r.Id, r.Version)));

    public static IHtmlContent For(string form, IEnumerable<(Guid Id, Guid Version)> records)
    {
        var html = new HtmlContentBuilder();
        foreach (var (id, version) in records)
        {
            html.AppendHtml($"<input type=\"hidden\" name=\"{form}.Versions[{id}]\" value=\"{version}\" />");
        }

        return html;
    }
}
