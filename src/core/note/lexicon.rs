//! Everyday words per language, for telling a note's language and for knowing that a
//! capitalised word is not a name. Data only.

use crate::core::lang::Lang::{
    self, Cs, Da, De, En, Es, Fi, Fr, Id, It, Nb, Nl, Pl, Pt, Ro, Sv, Tr,
};

/// Everyday words per language, for telling a note's language and for knowing that a
/// capitalised word is not a name. Words shared by languages count for each.
pub const LEXICON: &[(Lang, &str)] = &[
    (En, "am he she they them his her their its should think thinks talk out up get got did does not no all any some more most very much many one two next last week year today yesterday soon see saw look time work working team company job role keen glad i i'd i'm i've i'll you you're your yours my me we we're our us the a an and to of in on at for with \
          would like love connect connecting network hi hello hey dear thanks thank best regards let's is are \
          was it this that be been great happy looking forward about from came across profile met read just \
          could have had will can so really wanted here there hope well also both always would've it's \
          don't i'd've who what when where why how new people professional professionals"),
    (Fr, "il elle ils on leur leurs lui se sa son ses mais ou donc car si tout tous cette cet ces aussi plus moins bonne journee contact restons serais voudrais peux pouvez avez etes travail equipe entreprise je j'ai j'aimerais vous votre vos tu te toi ton ta tes mon ma mes nous notre nos le la les un une des \
          du de et avec pour sur dans est suis sommes bonjour salut merci cordialement souhaiterais aimerais \
          ajouter reseau professionnel rejoindre ravi plaisir echanger avoir ete tres qui que ce c'est au aux \
          en ne pas comme hier semaine j'aurais serait ligne site bien oui"),
    (De, "immer neue leute aus zum zur im am er es wir ihr sie sein seine ihrem wurde waren war aber oder denn wenn auch noch nur schon mal gerade hatten konnen kann konnte mochten lass uns freundlichen kontakt bleiben gruss ich sie du dich dir mich mir ihr ihnen ihrem ihren ihre mein meinem meinen meine wir uns unser der \
          die das den dem des und zu mit auf bei fur von ist bin habe haben hatte gerne gern mochte wurde \
          freuen freue hallo guten tag grusse viele beste netzwerk beruflichen hinzufugen vernetzen nicht \
          auch sehr eine ein einen einem uber wenn dass gestern woche schon gesprach sind wie hier danke"),
    (Es, "el ella ellos les le lo se sus nuestro pero o si todo todos esta este estos tambien mas menos siempre bueno buena contacto estar conectemos ser sido hacer tiene tienes puedo quiero yo me te tu usted mi mis su sus nos nuestro nuestra el la los las un una y de del en con para por \
          que es soy estoy muy hola gracias saludos gustaria anadirte agregarte red profesional conectar \
          contigo encantaria pero como tambien semana pasada ayer sobre podria pregunta atentamente \
          encantado empresa proyecto tu perfil seria"),
    (Pt, "ele ela eles elas lhe se seus suas nosso nossa mas ou se tudo todos esta este estes tambem mais menos sempre otimo contato manter vamos ser estar fazer tem posso quero aqui eu voce voces seu sua meu minha nos o os as um uma e de do da dos das no na em com para por que sou \
          estou muito ola oi obrigado obrigada abraco abracos gostaria adicionar rede profissional conectar \
          adoraria mas como tambem semana passada ontem sobre poderia duvida atenciosamente empresa projeto \
          nao bom dia boa te"),
    (It, "egli ella loro gli le si suoi nostri ma o se tutto tutti questa questo questi anche piu meno sempre bello bene contatto restare essere sarebbe fare ha posso voglio qui colleghiamoci io ti tu te lei mi mio mia tuo tua suo sua il lo la gli le i un una uno e di del della alla al in \
          con per su che sono molto ciao grazie saluti vorrei aggiungerti rete professionale collegarmi \
          piacerebbe ma come anche settimana scorsa ieri sul sulla domanda cordiali progetto azienda non \
          buongiorno nostro nostra sto ho abbiamo siamo tuo"),
    (Nl, "hij zij ze hen hun zijn haar ons maar of als alles alle deze dit ook meer minder altijd leuk lijkt blijven contact zijn worden doen heeft kan wil laten jullie hier ik je jij u jou jouw uw mijn wij we ons onze de het een en van in op met voor aan bij is ben heb \
          hebben graag wil zou hoi hallo groeten groet bedankt toevoegen netwerk professionele connecten \
          ontmoet leuk maar hoe ook week vorige gisteren over vraag vriendelijke bedrijf niet goed dag \
          elkaar jullie kun mag zijn wat dat die er"),
    // Added 2026-12-07 (#15). Danish and Norwegian share most words; each lists the
    // shared ones and its own ("af"/"av", "mig"/"meg", "tak"/"takk").
    (Sv, "jag du vi ni han hon de dem mig dig oss er min mitt mina din ditt dina vår vårt våra er ert era och att är var inte med för på det den en ett som har hade kan kunde skulle vill ville gärna hej hejsan tack hälsningar mvh vänliga är om av från till till också men eller när där här hur vad vem varför någon något mycket bra nätverk professionella lägga till träffades träffas pratade igår förra veckan vecka fråga frågor tid för företag jobbar arbetar kul trevligt skulle vilja ha får"),
    (Da, "jeg du vi i han hun de dem mig dig os jer min mit mine din dit dine vores jeres og at er var ikke med for på det den en et som har havde kan kunne skulle vil ville gerne hej tak hilsen venlig mvh også men eller når hvor her hvordan hvad hvem hvorfor nogen noget meget godt netværk professionelle tilføje mødtes mødte talte snakkede sidste uge spørgsmål tid virksomhed arbejder af fra til efter nu sammen"),
    (Nb, "jeg du vi dere han hun de dem meg deg oss min mitt mine din ditt dine vår vårt våre deres og at er var ikke med for på det den en et ei som har hadde kan kunne skulle vil ville gjerne hei takk hilsen vennlig mvh også men eller når hvor her hvordan hva hvem hvorfor noen noe mye veldig godt nettverk profesjonelle legge til møttes møtte snakket forrige uke spørsmål tid selskap jobber av fra til etter nå sammen"),
    (Fi, "minä sinä hän me te he minun sinun hänen meidän teidän heidän olen olet on olemme olette ovat oli olisi ja tai mutta että kun jos kuin myös ei en et emme ette eivät se tämä tuo nämä ne kanssa haluaisin haluan lisätä sinut teidät verkostooni ammatilliseen verkostoon kiitos hei moi terveisin ystävällisin tapasimme tapasin viime viikolla eilen voisimmeko voisitko voisin kysymys aikaa yritys työ mukava kiva oikein paljon hyvä"),
    (Pl, "ja ty my wy on ona oni mnie cię ciebie nas was mój moja moje twój twoja twoje nasz nasza pan pani państwo i a w z do na o po przez dla od że to jak jest są był była było być nie tak czy się chciałbym chciałabym chcę dodać sieci zawodowej kontaktów dzień dobry cześć witam pozdrawiam dziękuję dzięki poznaliśmy rozmawialiśmy wczoraj tydzień tygodniu zeszłym pytanie moglibyśmy mogę może firmy pracuję bardzo miło"),
    (Cs, "já ty my vy on ona oni mě tě vás nás vám nám můj moje moji tvůj tvoje náš naše váš vaše pan paní a i v ve s se z do na o po pro od že to jak je jsou byl byla bylo být jsem jsme jste ne ano chtěl chtěla bych bychom rád ráda přidat síť sítě profesní kontaktů dobrý den ahoj zdravím děkuji díky potkali mluvili včera týden týdnu minulý otázka mohli mohu může firmy pracuji velmi pozdravem"),
    (Tr, "ben sen biz siz o onlar beni seni bizi sizi benim senin bizim sizin bir ve bu şu için ile da de çok daha ama veya gibi var yok mi mı mu mü değil olarak merhaba selam teşekkürler teşekkür ederim eklemek istiyorum isterim ağıma ağımı profesyonel bağlantı kurmak tanıştık görüştük dün geçen hafta hakkında konuşabilir miyiz mısınız soru şirket çalışıyorum iyi günler saygılarımla sizinle seninle"),
    (Ro, "eu tu noi voi el ea ei ele mă te ne vă meu mea mei mele tău ta tale nostru noastră vostru voastră și sau dar de la în cu pe din pentru despre că să este sunt era am ai ați au nu da foarte aș dori doresc adaug adăuga rețeaua rețea profesională bună ziua salut mulțumesc mulțumiri cunoscut vorbit ieri săptămâna trecută întrebare putea puteți firma lucrez cu stimă o un"),
    (Id, "saya aku anda kamu kami kita dia mereka dan atau tapi yang di ke dari untuk dengan ini itu ingin mau menambahkan jaringan profesional halo hai terima kasih salam hormat bertemu berbicara kemarin minggu lalu apakah bisa dapat tidak juga sangat tentang bapak ibu pak bu sudah akan ada dalam pada senang berkenalan terhubung perusahaan bekerja pertanyaan waktu"),
    // More everyday words (2026-12-07, #15): short notes must still tell their language.
    (En, "share ideas sometime sent over by thanks quick one does support only or run club know didn't too sales new opportunities open always chat catch up meeting met love great fellow same also ex former we're were thought could would maybe hear"),
    (Fr, "toujours ouvert nouvelles opportunites idees partager equipe ventes client clients rencontre rencontres vu lu ton votre tres super merci hate echange quand voulez peut etre pourrions nous sommes"),
    (De, "immer offen neue chancen ideen teilen vertrieb kunden wir haben uns getroffen gesehen gelesen ihren deinen artikel beitrag sehr super vielen gerne wann vielleicht konnten"),
    (Es, "siempre abierto abierta nuevas oportunidades ideas compartir ventas clientes creo podriamos explorar sinergias hablamos cuando quieras vi lei tu articulo gran muy equipo juntos"),
    (It, "sempre aperto aperta nuove opportunita idee scambiamoci ogni tanto ci possono essere sinergie annuncio anch'io forse avevamo insieme eravamo entrambi credo vendite clienti vi andrebbe organizzare gestite passaggio stiamo ho ascoltato puntata pezzo era"),
    (Nl, "altijd open nieuwe kansen misschien kunnen eens ideeen uitwisselen wie weet welke ligt verkopen dezelfde klanten zonder zullen kijken naar hier verbinden super bedankt voor je"),
    (Pt, "sempre aberto aberta novas oportunidades ideias compartilhar vendas clientes acho podemos podiamos explorar juntos vi li seu sua artigo equipe muito"),
    (Sv, "alltid öppen nya möjligheter dela idéer såg din video om försäljning till bra vi bokar kvalificerade möten månaden åt bolag har minuter fredag torsdag samma klass jobbade läste artikeln"),
    (Da, "altid åben nye muligheder lad os dele idéer en dag der sikkert synergier vi har mange fælles forbindelser så sender lige invitation så din video om salg til offentlige rigtig gode pointer udbud ved om kan sende fakturaer direkte læste artiklen"),
    (Nb, "alltid åpen nye muligheter vi har mange felles kontakter så sender invitasjon angående stillingsannonsen salgssjef så profilen din og ble imponert hyggelig om takker ja booker kvalifiserte møter måneden selskaper minutter torsdag fredag sa er riktig person å snakke med deres var samme kull går leste artikkelen veldig treffende nevnte mente burde ta foredraget dagens"),
    (Fi, "aina avoin uusille mahdollisuuksille voisimme joskus vaihtaa ajatuksia synergiaa varmasti löytyy vuosikurssi taidettiin olla samalla kurssilla saisinko näyttää minuutissa miten työkalumme varaa aika linkistä luin artikkelisi kuuntelin"),
    (Pl, "zawsze otwarty otwarta nowe możliwości mamy wielu wspólnych znajomych więc zapraszam widziałem widziałam przeczytałem twój artykuł sprzedaż klientów razem"),
    (Cs, "vždy otevřený nové příležitosti máme mnoho společných známých takže posílám viděl četl váš článek prodej zákazníků spolu"),
    (Tr, "her zaman açık yeni fırsatlar videonuzu izledim ilk saniye tavsiyesi harikaydı ortak çok bağlantımız var satış müşteri birlikte yazınızı okudum"),
    (Ro, "mereu deschis noi oportunități avem multe conexiuni comune am văzut citit articolul vânzări clienți împreună"),
    (Id, "selalu terbuka peluang baru terkait lowongan di halo kak juga alumni angkatan kayaknya pernah satu kelas yuk thanks ya buat kemarin banget nonton video soal tips pertama itu bagaimana kalau adakan bersama bulan depan mantan dulu sama tahun meja waktu makan malam lalu ngobrol mengatur komisi baru kata mbak mas orang tepat bertanya program mulai per kontak gratis postingan hari bermanfaat bagikan"),
];

/// Elided articles and pronouns ("l'", "d'", "dell'") and what they say about the language.
pub const ELISIONS: &[(&str, &[Lang])] = &[
    ("j", &[Fr]),
    ("qu", &[Fr]),
    ("c", &[Fr]),
    ("n", &[Fr]),
    ("s", &[Fr]),
    ("t", &[Fr]),
    ("m", &[Fr]),
    ("d", &[Fr, It]),
    ("l", &[Fr, It]),
    ("dell", &[It]),
    ("all", &[It]),
    ("nell", &[It]),
    ("sull", &[It]),
    ("dall", &[It]),
    ("un", &[It]),
];
