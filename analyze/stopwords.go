package analyze

// stopwordLists are the function words of each language TermsIn reads with
// its own resources, lower-cased: articles, pronouns, prepositions,
// conjunctions, auxiliaries, common adverbs and the verbs of reporting
// ("said"), which carry no topic. English's are in terms.go.
var stopwordLists = map[string]string{
	"de": `aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei beim bereits bin bis bisher
	bist da dabei dadurch dafür dagegen daher damit dann darauf darin darüber das dass daß dem den denen denn der deren des
	dessen deshalb die dies diese diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines einige
	einmal er es etwa euch euer für gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr
	ihre ihrem ihren ihrer ihres im immer in ins ist ja jede jedem jeden jeder jedes jedoch jetzt kann kein keine keinem
	keinen keiner können könnte man mehr mein meine mich mir mit muss musste nach nachdem nicht nichts noch nun nur ob oder
	ohne schon sehr sei seien sein seine seinem seinen seiner seit selbst sich sie sind so soll sollen sollte sondern sowie
	über um und uns unser unter vom von vor war waren warum was weil weiter welche welchem welchen welcher wenn wer werde
	werden wie wieder will wir wird wo wurde wurden zu zum zur zwar zwei zwischen sagte sagt erklärte laut heute gestern`,
	"es": `a al algo algunas algunos ante antes aquel aquella aquellos aquí así aunque cada como con contra cual cuales cuando
	de del desde donde dos durante e el ella ellas ello ellos en entre era eran es esa esas ese eso esos esta está están
	estaba estado estar estas este esto estos fue fueron ha había habían han hasta hay la las le les lo los más me mi
	mientras muy nada ni no nos nosotros o otra otras otro otros para pero poco por porque que quien quienes se sea según
	ser será sido sin sobre su sus también tan tanto te tiene tienen todo todos tras tu un una unas uno unos usted y ya yo
	dijo afirmó según hoy ayer además sólo solo`,
	"fr": `à au aucun aussi autre autres aux avait avaient avant avec avoir c ce ceci cela celle celles celui ces cet cette
	chaque comme d dans de des deux donc dont du elle elles en encore entre est et étaient était été être eu eux fait il
	ils je la le les leur leurs lui mais me même mes moi ne ni non nos notre nous on ont ou où par parce pas pendant peu
	plus pour qu quand que quel quelle quelles quels qui sa sans se selon ses si son sont sous sur ta te tous tout toute
	toutes très tu un une vers vos votre vous y a déclaré dit selon aujourd hier également après lors ainsi`,
	"it": `a ad agli al alla alle allo anche ancora avere aveva avevano c che chi ci come con contro cui da dai dal dalla dalle
	degli dei del dell della delle dello di dopo dove e è ed era erano essere gli ha hanno ho i il in io la le lei li lo
	loro lui ma mentre mi molto ne negli nei nel nella nelle nello noi non nostro o oggi per perché più poi quale quando
	quella quelle quelli quello questa queste questi questo se sei senza si sia siamo sono sta stata stati stato su sua
	sue sui sul sulla suo suoi tra tutti tutto un una uno voi ha detto secondo ieri già solo`,
	"pl": `a aby ale bez bo być był była były było by będzie czy dla do gdy go i ich im innych jak jako jej jest jeszcze
	jego jednak już ją kiedy które który która których ku lub ma mają mnie może na nad nie nich nim niż o od oraz po pod
	przez przy się są także tak tam te tego tej ten to tu tych tylko w we więc wszystko z za ze że żeby według powiedział
	dziś wczoraj też już było został została zostały zostało`,
	"ru": `а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до его ее её если
	есть еще ещё же за здесь и из или им их к как когда кто ли либо между меня мне может мы на над не него нее неё нет
	ни них но ну о об однако он она они оно от очень по под после при с со так также такой там те тем то того тоже той
	только том ты у уже хотя чего чей чем что чтобы чье чья эта эти это этого этой этом этот я заявил сказал сообщил
	сегодня вчера который которая которые которых`,
	"tr": `acaba ama ancak artık aslında az bana bazı belki ben beni benim bile bir biri birkaç birçok biz bize bizim bu buna
	bunda bundan bunu bunun şu da daha de değil diğer diye en gibi hem hep hepsi her hiç için ile ise kadar ki mi mu
	mü mı ne neden nasıl o olan olarak oldu olduğu olduğunu olmak olması on ona ondan onlar onu onun sen siz şey şimdi
	tüm ve veya ya yani yine çok çünkü üzere göre dedi açıkladı bugün dün sonra önce`,
	"ar": `في من على إلى الى عن مع أن ان إن هذا هذه ذلك تلك التي الذي الذين ما لا لم لن قد كان كانت كما أو او ثم بين
	عند حتى بعد قبل هو هي هم نحن أنا كل بعض غير إلا الا لكن أي وقد وفي ومن وعلى وأن وهو وهي فإن أنه انه أنها انها
	منذ خلال حيث عليه عليها فيه فيها منه منها له لها لهم وقال قال وأضاف اليوم أمس وكان يكون تكون`,
}
