package quote

import (
	"strings"

	"github.com/storyline-news/storyline/analyze/lexicon"
)

// wordSet builds a set from a blank-separated list of lower-case words.
func wordSet(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

// verbNeedsParticle lists verbs that attribute speech only with the next
// word: "shot back", "fired back", "went on", "put it".
var verbNeedsParticle = map[string]string{"shot": "back", "fired": "back", "put": "it", "went": "on",
	"goes": "on", "going": "on", "point": "out", "points": "out", "pointed": "out", "pointing": "out"}

// pronouns maps the pronouns that can name a speaker to their gender:
// 'm' masculine, 'f' feminine, 0 not one person of known gender.
var pronouns = map[string]byte{"he": 'm', "she": 'f', "they": 0, "it": 0, "i": 0, "we": 0, "you": 0, "who": 0}

// determiners open a common-noun speaker: "the minister", "a spokeswoman".
var determiners = wordSet(`the a an his her their its our my one another this that these those some
	many several both each either neither any no two three four five`)

// adverbs may stand between a speaker and the verb ("he later said") or after
// the verb ("said Monday") without breaking the attribution.
var adverbs = wordSet(`also later then once again recently previously quickly simply flatly
	earlier yesterday today tonight monday tuesday wednesday thursday friday saturday sunday
	has had have would will had has just still often repeatedly publicly privately bluntly
	reportedly angrily calmly firmly softly loudly frequently further already
	ultimately finally never even then originally initially succinctly emphatically jokingly
	sarcastically tersely wryly defiantly proudly cheerfully matter-of-factly quietly excitedly
	passionately openly`)

// titles precede a person's name and are dropped from the resolved name:
// "Sen.", "President", "Foreign Minister".
var titles = wordSet(`mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sen sen. rep rep. gov gov.
	lt lt. gen gen. col col. capt capt. sgt sgt. adm adm. cmdr cmdr. maj maj. rev rev. hon hon.
	gov. pres pres. supt supt. insp insp. president senator governor secretary minister premier
	chancellor mayor judge justice representative congressman congresswoman speaker chairman
	chairwoman chair ambassador general colonel captain sergeant admiral commissioner director
	sheriff chief pope king queen prince princess sir dame lord lady rabbi imam father sister brother
	pastor reverend deputy vice foreign prime defense defence interior finance attorney former
	state house senate majority minority leader whip army navy retired ret. gop democratic
	republican u.s. us first dame lieutenant commander rep.-elect sen.-elect president-elect
	candidate nominee sec sec. atty atty. treasury health economy trade justice labor energy
	education agriculture transportation homeland security national
	gen. lt. maj. lady dame officer detective agent trooper professor coach inspector
	superintendent constable corporal private marshal ranger councillor councilman councilwoman
	alderman assemblyman assemblywoman delegate envoy spokesman spokeswoman spokesperson`)

// honorificGender tells a person's gender from a courtesy title.
var honorificGender = map[string]byte{"mr": 'm', "mr.": 'm', "mrs": 'f', "mrs.": 'f', "ms": 'f', "ms.": 'f',
	"miss": 'f', "sir": 'm', "dame": 'f', "lady": 'f', "lord": 'm', "king": 'm', "queen": 'f',
	"prince": 'm', "princess": 'f', "congressman": 'm', "congresswoman": 'f', "chairman": 'm',
	"chairwoman": 'f', "father": 'm', "sister": 'f', "brother": 'm', "spokesman": 'm', "spokeswoman": 'f'}

// particles may stand inside a name between capitalised words.
var particles = wordSet(`de da del della der di du van von bin ibn al el la le los las y dos das ter den st.`)

// notNames are capitalised words that begin sentences or headlines but name
// no one, so that "But Trump said" yields "Trump".
var notNames = wordSet(`the a an but and or so yet if when while as at in on of for to from by with
	after before during since until then this that these those there here it its he she they we i you
	his her their our my your who what where why how which whose mr mrs ms however meanwhile still
	also asked said says according told added according monday tuesday wednesday thursday friday
	saturday sunday january february march april may june july august september october november
	december not no yes one two three many some most more both each every all another other last
	next first new today yesterday tonight now instead even just only do does did is are was were be
	being been has have had will would can could should must might shall because although though
	despite without within about above below over under again well oh please thank thanks dear
	like unlike ok okay sure hey our we're i'm it's that's there's let`)

// orgWords mark a capitalised sequence as an organisation or place, not a
// person: "Fox Business Network", "White House", "Supreme Court".
var orgWords = wordSet(`party department ministry house senate congress committee court network news
	times post journal press agency council union university college school institute association
	foundation bank group company corp corp. inc inc. co. ltd llc fund campaign administration office
	state states county city republic kingdom nations army navy force forces police church center
	centre club team tv radio magazine herald tribune street avenue square airport hospital market
	museum commission board bureau service services caucus assembly parliament government district
	province island islands river mountain valley coast county region union league federation
	institute project program programme organization organisation media group times daily gazette
	review network channel federal national international american democrats republicans gop
	america europe africa asia iowa york washington california texas florida ohio hampshire carolina
	virginia street post's fbi cia nato un eu isis pac super america's america. chamber commerce
	crescent library gym church festival`)

// femaleNames and maleNames give the gender of frequent first names, for
// resolving "she said" before any pronoun has revealed it.
var femaleNames = wordSet(`mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy
	lisa betty margaret sandra ashley kimberly emily donna michelle carol amanda melissa deborah
	stephanie rebecca laura sharon cynthia kathleen amy angela shirley anna brenda pamela nicole
	samantha katherine emma ruth christine catherine debra rachel carolyn janet maria heather diane
	julie joyce victoria kelly christina joan evelyn lauren judith olivia martha cheryl megan andrea
	hannah jacqueline ann jean alice kathryn gloria teresa doris sara janice julia marie madison grace
	judy theresa beverly denise marilyn amber danielle rose brittany diana abigail natalie jane lori
	alexis tiffany kayla hillary nikki carly sonia ana sofia lucia valentina camila isabel carmen
	rosa elena marta paula ines fatima aisha amina leila yulia olga irina natalia svetlana angela
	marine ursula theresa jacinda kamala nancy elizabeth condoleezza madeleine sheila huma donna
	kellyanne ivanka melania chelsea michelle hope sarah debbie jill jeanne claire sophie chloe
	anne louise giorgia mette sanna petra annalena nadia priya aung indira benazir golda tsai ingrid
	maria maxine elise tulsi kirsten amy tammy susan lisa dianne barbara loretta janet katie megyn
	greta hilda`)

var maleNames = wordSet(`james john robert michael william david richard joseph thomas charles christopher
	daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
	ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott
	brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose
	adam nathan henry douglas zachary peter kyle ethan walter noah jeremy christian keith roger terry
	gerald harold sean austin carl arthur lawrence dylan jesse bryan billy joe bruce gabriel
	logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell bobby mason
	philip louis barack bernie ted marco jeb ben chris rand mike mitch newt rick bill
	gustavo nicolas nicolás armando benjamin mahmoud vladimir xi emmanuel olaf boris rishi keir
	justin narendra recep jair andres andrés luiz luis carlos miguel javier pedro pablo diego
	alejandro fernando sergei dmitry alexei volodymyr petro viktor recep ali mohammed muhammad ahmed
	hassan hussein omar abdul yusuf ibrahim khalid bashar benjamin yair naftali ehud reince paul
	jim tim tom dick harry joe hunter eric lindsey chuck harry tom rudy newt rahm karl steve
	lou jorge hugo evo rafael mauricio jimmy marco elon jared kevin lindsey orrin rob josh
	sherrod cory beto pete shinzo fumio yoshihide`)

// speechVerbs are the verbs that attribute a quotation to its speaker (see
// lexicon.SpeechVerbs).
var speechVerbs = lexicon.SpeechVerbs
