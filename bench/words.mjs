/**
 * Word lists for the synthetic chat dataset (bench/generate.mjs). Written by hand for the benchmark:
 * no download, no system dictionary. Each list is ordered roughly from common to rare, because the
 * generator samples it with a Zipf-like distribution (early words much more often than late ones),
 * which gives the text a realistic token-frequency curve.
 */

const list = (text) => [...new Set(text.trim().split(/\s+/))]

export const NOUNS = list(`
time year people way day thing world life hand part child eye place work week case point company
number group problem fact home water room money story month lot right study book job word business
issue side kind head house service friend father power hour game line end member law car city
community name team minute idea body information back parent face level office door health person
art war history party result change morning reason research girl moment air teacher force education
foot boy age policy process music market sense nation plan college interest death experience effect
class control care field development role effort rate heart leader light voice wife police mind price
report decision son view relationship town road arm difference value building action model season
society tax director position player record paper space ground form event matter center couple site
project activity star table need court oil situation cost industry figure street image phone data
picture practice piece land product doctor wall patient worker news test movie north love support
technology step baby computer type attention film tree source organization hair window evidence
population campaign theory goal floor practice bank manager rule risk island election skill hospital
term response nature approach choice character station material thought energy agreement audience
environment capital degree unit method lesson writer trade sister exercise owner memory science
culture truth product army camp brother wind summer winter spring autumn river mountain ocean sea
lake forest valley desert beach garden farm village bridge tower castle church temple museum library
theater restaurant kitchen bedroom bathroom garage basement roof stairs chair couch bed lamp mirror
clock candle blanket pillow carpet curtain shelf drawer cabinet closet fridge oven stove sink bowl
plate cup glass fork knife spoon bottle jar box bag basket bucket rope chain wire tool hammer nail
screw brush pencil pen notebook letter envelope stamp ticket card coin wallet key lock alarm battery
engine wheel tire brake mirror seat belt ship boat plane train bus truck bicycle motorcycle helmet
jacket coat shirt dress skirt sweater scarf glove hat shoe boot sock pocket button zipper collar
sleeve pattern color shape size weight height length width depth speed distance direction corner
edge surface circle square triangle line curve angle dot spot mark sign symbol signal message note
comment answer question request offer invitation promise warning threat complaint apology excuse
argument debate discussion conversation interview meeting conference lecture seminar workshop course
program schedule calendar deadline budget invoice receipt contract license permit certificate
passport visa border customs airport harbor port highway tunnel path trail track route map guide
journey trip tour vacation holiday weekend evening night midnight noon dawn sunset sunrise moon sun
planet galaxy universe comet asteroid orbit gravity atmosphere climate weather storm rain snow ice fog
cloud thunder lightning rainbow temperature pressure humidity drought flood earthquake volcano
wave tide current stream pond well spring fountain dam canal pipe tank pump valve filter sensor meter
gauge scale ruler compass telescope microscope camera lens screen monitor keyboard mouse printer
scanner speaker headphone microphone cable router modem charger adapter plug socket switch button
dial knob handle lever pedal gear spring bolt bearing shaft motor generator turbine reactor furnace
boiler chimney vent fan heater cooler freezer thermostat insulation brick stone concrete steel iron
copper silver gold aluminum plastic rubber leather cotton wool silk linen paper cardboard wood bamboo
glass ceramic clay sand soil dust mud rock mineral crystal diamond pearl salt sugar flour rice bread
butter cheese milk cream yogurt egg meat chicken beef pork fish shrimp salmon tuna bean pea corn
potato tomato onion garlic pepper carrot cabbage lettuce spinach broccoli mushroom apple banana
orange lemon lime grape cherry strawberry peach pear plum melon pineapple mango coconut nut almond
walnut peanut honey jam sauce soup salad sandwich pizza pasta noodle cake cookie pie chocolate candy
tea coffee juice wine beer water soda recipe ingredient meal breakfast lunch dinner snack dessert
appetite hunger thirst taste smell sound noise silence music song melody rhythm note chord instrument
piano guitar violin drum flute trumpet orchestra band choir concert album lyric poem novel essay
article chapter paragraph sentence phrase grammar vocabulary dictionary language accent dialect
translation meaning definition example illustration diagram chart graph table list index summary
abstract introduction conclusion appendix reference citation quote source author editor publisher
reader critic review rating score grade exam quiz assignment homework project thesis dissertation
hypothesis experiment observation measurement sample variable factor parameter constant formula
equation function solution proof theorem lemma axiom principle concept framework structure system
network pattern trend cycle phase stage period era century decade generation tradition custom habit
routine ritual ceremony festival celebration wedding funeral birthday anniversary gift present prize
award medal trophy victory defeat competition tournament match race league season coach athlete
fan stadium arena court pitch goal score point foul penalty referee umpire rival champion hero
villain legend myth tale fable fairy dragon giant wizard witch ghost monster robot alien spaceship
kingdom empire republic province county district region territory colony capital suburb neighborhood
block avenue lane alley square plaza market mall shop store boutique pharmacy bakery butcher grocery
supermarket warehouse factory plant mill mine quarry workshop studio gallery exhibition collection
painting sculpture drawing sketch portrait landscape photograph poster frame canvas brush palette
customer client vendor supplier partner investor shareholder employee employer colleague boss
intern volunteer neighbor stranger guest host visitor tourist traveler passenger driver pilot sailor
soldier officer captain general sergeant detective lawyer judge jury witness suspect victim criminal
prisoner guard nurse surgeon dentist pharmacist therapist psychologist scientist engineer architect
designer developer programmer analyst accountant consultant economist banker broker agent clerk
secretary receptionist assistant cashier chef cook waiter baker farmer fisherman carpenter plumber
electrician mechanic painter gardener cleaner janitor librarian professor lecturer tutor principal
mayor governor senator minister ambassador diplomat king queen prince princess emperor citizen
resident immigrant refugee ancestor descendant grandparent grandmother grandfather uncle aunt cousin
nephew niece husband daughter twin toddler teenager adult senior infant puppy kitten horse cow pig
sheep goat chicken duck goose turkey rabbit mouse rat squirrel fox wolf bear deer moose lion tiger
leopard elephant giraffe zebra monkey gorilla kangaroo koala panda whale dolphin shark octopus crab
lobster turtle frog snake lizard crocodile eagle hawk owl parrot pigeon sparrow crow swan penguin
butterfly bee ant spider mosquito fly beetle worm snail insect feather wing tail paw claw fur skin
bone muscle blood brain lung liver kidney stomach throat tongue tooth lip nose ear cheek chin neck
shoulder elbow wrist finger thumb knee ankle toe hip chest belly spine nerve vein cell gene protein
vitamin mineral calorie diet fitness nutrition symptom disease illness infection virus bacteria fever
cough headache injury wound fracture allergy diagnosis treatment therapy medicine pill dose vaccine
surgery recovery clinic emergency ambulance insurance pension salary wage income profit loss debt
loan mortgage interest credit deposit account balance transaction payment refund discount bargain
auction inflation recession economy currency dollar euro share stock bond fund asset portfolio
strategy tactic objective target milestone outcome impact benefit advantage drawback limitation
constraint requirement priority opportunity challenge obstacle barrier threat weakness strength
feature aspect element component detail property attribute quality quantity amount portion fraction
percentage ratio average total minimum maximum range limit threshold estimate prediction forecast
assumption belief opinion attitude emotion feeling mood fear anger joy sadness surprise pride shame
guilt hope faith trust doubt curiosity confidence courage patience kindness honesty loyalty respect
dignity freedom justice equality peace conflict crisis disaster accident incident emergency mistake
error failure success achievement progress growth improvement decline increase decrease shift
transition transformation revolution reform movement protest strike vote ballot candidate majority
minority coalition alliance treaty sanction regulation guideline standard criterion benchmark metric
indicator dashboard workflow pipeline deployment release version update upgrade patch fix bug feature
`)

export const VERBS = list(`
make use find give tell work call try ask need feel leave put mean keep let begin seem help talk turn
start show hear play run move like live believe hold bring happen write provide sit stand lose pay
meet include continue set learn change lead understand watch follow stop create speak read allow add
spend grow open walk win offer remember love consider appear buy wait serve send expect build stay
fall cut reach remain suggest raise pass sell require report decide pull return explain hope develop
carry break receive agree support hit produce eat cover catch draw choose cause point listen realize
place close involve increase enjoy prepare compare describe discuss design improve reduce replace
protect produce publish measure manage maintain mention notice obtain occur organize perform plan
predict prefer present prevent promise prove recommend record recover reflect refuse relate release
rely remove repair repeat represent request resolve respond restore review save search select share
solve sort store struggle succeed suffer supply surround survive teach test thank threaten train
transfer translate travel treat trust update visit warn wash wish wonder worry accept achieve acquire
adapt adjust admit adopt affect afford analyze announce apply appreciate approach approve argue
arrange arrive assess assign assist assume attach attack attempt attend attract avoid bake balance
ban behave benefit blame block boil borrow bother bounce breathe brush burn calculate calm cancel
care celebrate challenge charge chase check cheer chew clean clear climb collect combine comfort
command commit communicate compete complain complete concentrate concern confirm confuse connect
contain contribute convert convince cook copy correct count crash crawl cross cry cycle damage dance
deal debate decay declare decorate defend define delay delete deliver demand deny depend deposit
deserve destroy detect determine differ dig direct disappear discover dislike display divide double
doubt download drag dream dress drift drink drive drop dry earn edit educate elect eliminate embrace
emerge employ enable encourage end engage enhance ensure enter equip escape establish estimate
evaluate examine exchange excite exclude execute exercise exist expand experiment explore export
express extend extract fail fasten feed fetch fill film filter finish fit fix flash float flood flow
fly fold force forecast forgive form frame gain gather generate glance glow grab greet grind guard
guess guide handle hang harm hate head heal heat hide highlight hire host hunt hurry identify ignore
illustrate imagine implement import impress inform inherit inject injure insert insist inspect install
instruct insure integrate intend interact interpret interrupt introduce invent invest investigate
invite iron join joke judge jump justify kick kiss knock label land last laugh launch lay lean leap
lend lift limit link load locate lock log look mark marry match matter melt merge migrate mind miss
mix modify monitor mount multiply name negotiate nod obey object observe operate order own pack paint
park participate paste pause perceive permit persuade pick pin plant please plug polish pour practice
praise pray preserve press pretend print process program promote pronounce propose provoke punch
punish purchase push qualify question quit race rain rank rate reach react recall recognize recycle
refer regret reject relax remind rent reply rescue research reserve resist respect rest retire
retrieve reveal reward ride ring rinse rise risk roll rub ruin rush sail satisfy scan scare schedule
score scratch scream seal secure seek seize sense separate settle shake shape shift shine shock shoot
shout sign signal simplify sing sink skip slide slip smell smile snap sneeze solve spare spark spell
spill spin split spoil spray spread squeeze stack stain stamp stare steer step stick stir stretch
strike stuff submit subtract succeed suck summarize supervise suppose surprise suspect swallow swap
sweep swim swing switch tackle tap taste tear tease tempt terrify tick tie tip tolerate touch tour
trace trade transform trap trigger trim trip troubleshoot tune twist type undergo undo unite unlock
unpack upgrade upload urge validate value vanish vary verify view volunteer vote wander warm waste
wave weigh welcome whisper whistle wipe wrap yawn yell zoom refactor deploy configure compile debug
benchmark cache encrypt decrypt authenticate authorize serialize parse render query index optimize
`)

export const ADJECTIVES = list(`
new good high old great big small large young different long little important bad real best right
social public sure low early able human local late hard major better economic strong possible whole
free true full special easy clear recent certain personal open red difficult available likely short
single medical current wrong private past foreign fine common poor natural significant similar hot
dead central happy serious ready simple left physical general financial blue dark various entire
close legal religious cold final main green nice huge popular traditional cultural wide deep heavy
light quiet loud bright soft sharp smooth rough warm cool fresh clean dirty empty busy calm wild
gentle brave proud shy funny smart clever wise silly strange weird odd rare unusual typical normal
regular standard basic advanced complex complicated detailed brief quick slow fast rapid sudden
gradual steady stable constant frequent occasional daily weekly monthly annual modern ancient future
previous next further following initial primary secondary essential necessary optional useful
helpful harmful dangerous safe secure risky expensive cheap valuable worthless rich wealthy tiny
enormous massive giant narrow thick thin flat round square straight curved hollow solid liquid
frozen wet dry sweet sour bitter salty spicy delicious tasty healthy sick tired hungry thirsty
angry sad glad afraid nervous anxious excited bored curious eager grateful jealous lonely lucky
polite rude honest fair kind cruel generous selfish patient careful careless friendly hostile
positive negative neutral active passive formal informal official professional technical practical
theoretical logical rational emotional creative original unique specific particular exact accurate
precise correct incorrect valid invalid relevant obvious apparent visible invisible hidden
transparent dense sparse broad vast remote distant nearby inner outer upper lower northern southern
eastern western urban rural domestic international global regional national federal royal military
civil criminal political academic scientific digital virtual electronic mechanical electrical
chemical biological environmental industrial commercial agricultural historical musical artistic
literary visual verbal written spoken silent noisy crowded lonely peaceful violent gentle fierce
tender harsh mild severe extreme moderate reasonable sensible ridiculous absurd famous unknown
familiar foreign strange ordinary remarkable impressive beautiful pretty ugly attractive elegant
plain fancy colorful pale golden silver wooden metallic plastic organic synthetic artificial
automatic manual independent dependent responsible reliable flexible rigid efficient effective
productive successful sufficient adequate excessive limited unlimited infinite temporary permanent
brief eternal sudden urgent critical crucial vital minor tiny subtle dramatic intense powerful weak
fragile sturdy durable portable compact spacious comfortable convenient awkward elaborate neat messy
tidy organized chaotic random systematic consistent inconsistent balanced fluent native bilingual
verbose concise readable scalable robust lightweight asynchronous synchronous deprecated legacy
`)

export const ADVERBS = list(`
also very often however too usually really early never always sometimes together likely simply
generally instead actually already enough especially ever quickly probably finally recently
certainly clearly easily exactly directly currently nearly slowly carefully gently quietly loudly
rarely seldom frequently occasionally eventually immediately suddenly gradually roughly briefly
mostly mainly largely partly fully completely entirely totally absolutely barely hardly merely
only just still yet soon later now then here there everywhere somewhere nowhere anywhere abroad
indoors outdoors upstairs downstairs forward backward apart aside away nearby closely deeply highly
strongly widely truly honestly seriously obviously naturally fortunately unfortunately surprisingly
apparently basically essentially particularly specifically typically normally ideally properly
correctly efficiently effectively successfully safely securely reliably consistently regularly
rapidly steadily smoothly neatly clearly precisely accurately automatically manually
`)

export const TECH = list(`
Python JavaScript TypeScript Rust Go Java Kotlin Swift Ruby PHP SQL Bash HTML CSS React Vue Angular
Svelte Django Flask FastAPI Rails Spring Node Deno npm pip cargo Docker Kubernetes Terraform Ansible
Linux Ubuntu Debian Windows macOS Android iOS Git GitHub GitLab Jenkins PostgreSQL MySQL SQLite MongoDB
Redis Kafka RabbitMQ Elasticsearch Nginx Apache AWS Azure GCP Lambda S3 EC2 BigQuery Spark Hadoop
Pandas NumPy SciPy PyTorch TensorFlow Keras Jupyter Excel Markdown JSON YAML XML CSV Parquet GraphQL
REST gRPC HTTP HTTPS TCP UDP DNS SSH TLS OAuth JWT API SDK CLI IDE VSCode Vim Emacs regex Unicode
UTF-8 ASCII compiler interpreter runtime debugger linter formatter bundler transpiler framework
library module package dependency repository branch commit merge rebase pull request issue tracker
variable constant function method class object instance interface struct enum trait generic closure
callback promise coroutine thread process mutex semaphore deadlock race condition heap stack queue
array list tuple dictionary hashmap set tree graph node edge pointer reference iterator generator
decorator annotation exception error traceback warning assertion test fixture mock stub benchmark
profiler memory leak garbage collector allocation buffer stream socket endpoint request response
header payload cookie session token cache proxy load balancer container image volume cluster pod
service deployment namespace secret config manifest schema migration index query join transaction
rollback replica shard partition backup snapshot checksum hash encryption signature certificate
firewall sandbox virtualenv environment variable path directory filesystem permission timestamp
timezone locale encoding serialization parser tokenizer lexer syntax semantics algorithm complexity
recursion iteration loop condition boolean integer float string byte bitmask bitwise overflow
underflow precision rounding matrix vector tensor gradient optimizer epoch batch learning rate loss
accuracy precision recall embedding transformer attention layer neuron activation dropout
regularization overfitting dataset training validation inference checkpoint fine-tuning prompt
tokenization vocabulary classifier regression clustering pipeline feature label annotation
`)

export const NAMES = list(`
Alice Bob Carol David Emma Frank Grace Henry Isabel Jack Karen Liam Maria Noah Olivia Peter Quinn
Rachel Samuel Teresa Umar Victor Wendy Xavier Yasmin Zoe Aaron Bianca Carlos Diana Ethan Fatima
George Hannah Ivan Julia Kevin Laura Mohammed Nina Oscar Priya Ravi Sofia Thomas Uma Vera William
Ahmed Beatriz Chen Dmitri Elena Felix Giulia Hiro Ingrid Jonas Keiko Lucas Mei Nikolai Omar Paula
Rosa Sven Tariq Ursula Valentina Wei Yusuf Zara Anna Ben Clara Daniel Eva Fiona Gabriel Helen Igor
James Kate Leo Mia Nathan Olga Pablo Rita Simon Tanya Vincent Amir Sara Tom Lily Max Ella Adam Chloe
Marcus Nadia Patrick Ruth Stefan Tina Walter Yara Arjun Bruno Camila Diego Elif Farah Gustavo Hugo
Irene Jorge Kofi Lena Mateo Nour Ola Pedro Reza Selin Theo Ada Alan Grace Linus Barbara Edsger
`)

export const PLACES = list(`
London Paris Berlin Madrid Rome Lisbon Dublin Amsterdam Brussels Vienna Prague Warsaw Budapest
Athens Stockholm Oslo Copenhagen Helsinki Reykjavik Moscow Kyiv Istanbul Cairo Lagos Nairobi
Johannesburg Casablanca Dubai Riyadh Tehran Karachi Delhi Mumbai Bangalore Dhaka Bangkok Hanoi
Singapore Jakarta Manila Seoul Tokyo Osaka Beijing Shanghai Taipei Sydney Melbourne Auckland
Toronto Vancouver Montreal Chicago Boston Seattle Denver Austin Miami Atlanta Houston Phoenix
Portland Detroit Mexico Lima Bogota Santiago Quito Caracas Havana Kingston Edinburgh Manchester
Glasgow Barcelona Valencia Seville Milan Naples Venice Florence Munich Hamburg Cologne Frankfurt
Zurich Geneva Lyon Marseille Nice Porto Krakow Gdansk Tallinn Riga Vilnius Sofia Bucharest Belgrade
Zagreb Ljubljana Bratislava Europe Asia Africa America Australia Antarctica Canada Brazil Argentina
Chile Peru Colombia Japan China India Kenya Nigeria Egypt Morocco Spain France Germany Italy Poland
Norway Sweden Finland Denmark Ireland Scotland Wales Iceland Greece Turkey Portugal Austria
Switzerland Belgium Netherlands Vietnam Thailand Indonesia Malaysia Korea Mongolia Nepal Pakistan
`)

/** Words outside ASCII: a small share of rows carries one, as real multilingual data does. */
export const FOREIGN = list(`
café naïve résumé façade fiancée déjà-vu jalapeño piñata señor mañana Zürich São-Paulo Malmö Kraków
Łódź Göteborg Düsseldorf Curaçao Besançon crème brûlée smörgåsbord über straße Ærø Þingvellir
東京 大阪 北京 上海 日本語 中文 한국어 서울 Москва привет спасибо Αθήνα ευχαριστώ שלום مرحبا
नमस्ते ধন্যবাদ สวัสดี Việt-Nam Ñuñoa 🙂 🚀 ✅ 📌 ⚠️ 👍 🎉 ✨ 🔥 💡 — … “quoted” ‘single’ €5 £10 ¥300 ±2 °C µs
`)

export const DOMAINS = list(`
example.com docs.python.org developer.mozilla.org en.wikipedia.org github.com stackoverflow.com
kubernetes.io docs.docker.com nodejs.org rust-lang.org go.dev pytorch.org tensorflow.org
arxiv.org nature.com bbc.co.uk nytimes.com who.int data.gov europa.eu openstreetmap.org
huggingface.co kaggle.com numpy.org pandas.pydata.org scikit-learn.org postgresql.org redis.io
sqlite.org ietf.org w3.org unicode.org gnu.org kernel.org apache.org npmjs.com pypi.org crates.io
`)
