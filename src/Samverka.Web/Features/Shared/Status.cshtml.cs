using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Samverka.Web.Features.Shared;

/// <summary>Swedish pages for 404, 403 and other status codes without a body.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code)
    {
        Code = code;
        Response.StatusCode = code is >= 400 and < 600 ? code : 404;
    }

    public void OnPost(int code) => OnGet(code);

    public (string Title, string Text) Message => Code switch
    {
        404 => ("Sidan finns inte", "Sidan du söker finns inte, eller så har du inte behörighet att se den. Kontrollera adressen."),
        403 => ("Ingen behörighet", "Din roll ger inte tillgång till detta."),
        400 => ("Felaktig förfrågan", "Förfrågan kunde inte tolkas, eller så hade formuläret gått ut. Gå tillbaka, ladda om sidan och försök igen."),
        429 => ("För många försök", "Du har gjort för många förfrågningar på kort tid. Vänta en minut och försök igen."),
        _ => ("Något gick fel", "Det du försökte göra kunde inte genomföras."),
    };
}
