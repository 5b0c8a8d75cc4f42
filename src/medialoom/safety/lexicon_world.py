"""The guard's terms beyond its English core: paraphrases of nudity, first-person self-harm and
suicide methods, weapon-making, and the same categories in French, German, Spanish and Chinese.

Latin-script terms are written as the guard's views see text: lower case, accents stripped
("égorgé" -> "egorge", "Mädchen" -> "madchen", "niña" -> "nina"), words joined by one space. They
are appended to the English lists in guard.py, so the co-occurrence rules (a minor near a sexual
term, an act near a person and a graphic detail) work across languages. Chinese has no spaces
between words: its terms are matched on the text with every space removed (`CJK_*`).
"""

from __future__ import annotations

# -- sexual -----------------------------------------------------------------------------------
SEXUAL = [
    # English paraphrases of nudity and explicitness
    r"wearing (absolutely |nothing but|just )?nothing( at all| but a smile)?", r"(is |was )?not wearing anything",
    r"with (absolutely )?nothing on", r"(without|no) (any )?(clothes|clothing)( at all| on)?",
    r"(completely|fully|totally|entirely) (undressed|unclothed)", r"au naturel",
    r"in the (buff|nude|raw|altogether)", r"full ?frontal", r"skinny ?dipping", r"clothing optional",
    r"stark naked", r"butt naked", r"buck naked", r"(adult|porno?|xxx) (film|movie|video|clip|scene)s?",
    r"explicit (adult|sex\w*|scene|content|photos?|images?|videos?)", r"(strips?|stripping) naked",
    r"(strips?|stripping) off (all )?(her|his|their) clothes", r"privates? (parts|exposed)",
    # French
    r"nue", r"nues", r"(tout|toute|entierement|completement|totalement) nue?s?", r"a poil",
    r"(homme|garcon|corps|modele|mannequin|enfant|bebe|fille|femme) nus?", r"nu (integral|comme un ver)",
    r"nudite", r"denudee?s?", r"deshabillee?s?", r"seins nus", r"erotiq\w*", r"sexe",
    r"rapports? sexuels?", r"faire l amour",
    # German
    r"nackt\w*", r"nackig", r"splitternackt", r"unbekleidet\w*", r"entbloss\w*", r"oben ohne",
    r"erotis\w*", r"sexszenen?", r"sexvideos?", r"geschlechtsverkehr", r"freikorperkultur",
    # Spanish
    r"desnud[oa]s?", r"desnudez", r"en pelotas", r"sin ropa", r"sexo", r"relaciones sexuales",
    r"semidesnud[oa]s?", r"tetas",
]
SEXUAL_WITH_MINOR = [r"see ?through", r"nighties?", r"negligees?", r"sheer", r"sexual\w*", r"sexuel\w*", r"(bath|bathing|shower)( time)? (photo|picture)s?",
                     r"desnud\w*", r"lenceria", r"ropa interior", r"sous ?vetements?", r"lingerie",
                     r"unterwasche", r"dessous", r"posing (on|in) (a |the )?bed"]
MINOR = [
    r"enfants?", r"fillettes?", r"petite? (fille|garcon)s?", r"mineure?s?", r"adolescente?s?", r"ados?",
    r"bebes?", r"ecoliere?s?", r"collegienne?s?",
    r"kind(er|es)?", r"kleinkind\w*", r"madchen", r"minderjahrig\w*", r"jugendlich\w*", r"schulmadchen",
    r"schuler(in|innen)?", r"knaben?",
    r"ninas?", r"ninos?", r"menor(es)?( de edad)?", r"chiquill[oa]s?", r"nenas?", r"nenes?", r"colegialas?",
    r"schoolchild(ren)?", r"(\d|1[0-7]) ?(ans|jahre?|anos)( alt)?",
    r"(girl|boy|child|kid)s? (aged?|of) (about |around |maybe )?(\d+|one|two|three|four|five|six|seven|eight|"
    r"nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)",
    r"(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)"
    r" ?(year|yr)s? ?old",
]

# -- violence ---------------------------------------------------------------------------------
VIOLENCE = [
    r"(cut|slit|slashed|sliced) throats?", r"throats? (cut|slit|slashed|sliced)( open)?",
    r"(cut|slit|slash|slice|slitting|slashing)( open)? (his|her|their|a|the|someone s) throats?",
    r"(stabbed|beaten|kicked|burned|burnt|tortured|hacked|clubbed|bludgeoned|stoned|choked) to death",
    r"shot dead", r"hacked (to pieces|apart)", r"(torn|ripped|blown) (apart|to pieces|to bits|limb from limb)",
    r"(mass|school|drive ?by|fatal|deadly|random|church|mosque|synagogue|mall|workplace) shootings?",
    r"(video|footage|photos?|images?|scene|aftermath|news|livestream|live stream|recording) of (a|the) shootings?",
    r"(a|the) shootings? (at|in|inside) (a|an|the) \w+",
    r"shooting (spree|victims?|massacre|rampage)", r"(execution|beheading|torture) (video|footage)s?",
    r"decapit\w*", r"blown off (head|face)", r"(body|bodies|corpses?) (in|cut into|chopped into|hacked into) pieces", r"exploding (head|body)", r"(head|face) blown off",
    # French
    r"egorge\w*", r"demembre\w*", r"decoupee? en morceaux", r"massacre\w* (de|des) (civils|enfants|gens)",
    r"(tue|abattu|poignarde|fusille)e?s? (par balles|a coups de couteau)", r"bain de sang",
    r"cadavres? (mutile|demembre|ensanglante)\w*",
    # German
    r"enthaupt\w*", r"gekopft\w*", r"zerstuckel\w*", r"verstummel\w*", r"abgeschlachtet\w*",
    r"blutbad", r"kehle (durchgeschnitten|aufgeschlitzt)", r"erschossen\w*", r"erstochen\w*",
    r"zu tode (gepr[u]gelt|geschlagen|gefoltert)",
    # Spanish
    r"degollad[oa]s?", r"degollamiento", r"descuartizad\w*", r"mutilad[oa]s?", r"masacre",
    r"apunalad[oa]s? (hasta la muerte|a muerte)", r"(asesinad|matad)[oa]s? a (tiros|punaladas|golpes)",
    r"tiroteo", r"bano de sangre", r"cadaver(es)? (mutilad|descuartizad|ensangrentad)\w*",
]
VIOLENT_ACT = [r"poignard\w*", r"assassin\w*", r"tue(e|es|s)?", r"fusill\w*", r"abattu\w*", r"torture\w*",
               r"ermord\w*", r"getotet\w*", r"erschoss\w*", r"ersto\w*", r"gefolter\w*", r"totgeschlagen",
               r"asesin\w*", r"apunal\w*", r"matad[oa]s?", r"torturad\w*", r"disparad[oa]s?", r"ejecutad\w*"]
PERSON = [r"hommes?", r"femmes?", r"personnes?", r"gens", r"enfants?", r"cadavres?", r"corps",
          r"mann", r"manner", r"frau(en)?", r"mensch(en)?", r"leiche\w*", r"kind(er)?", r"opfer",
          r"hombres?", r"mujer(es)?", r"personas?", r"gente", r"ninos?", r"cadaver(es)?", r"cuerpos?",
          r"victimas?"]
GRAPHIC = [r"sang", r"sanglant\w*", r"ensanglant\w*", r"gros plan", r"realiste", r"blut\w*", r"realistisch",
           r"nahaufnahme", r"sangre", r"sangrient[oa]s?", r"ensangrentad\w*", r"primer plano", r"realista",
           r"everywhere", r"partout", r"uberall", r"por todas partes", r"pouring", r"gushing"]

# -- self-harm --------------------------------------------------------------------------------
SELF_HARM = [
    r"(cut|cutting|slit|slitting|slice|slicing|slash|slashing|open|opening)( open)? "
    r"(my|your|his|her|their|one s|own) (own )?wrists?", r"wrists? (cut|slit|slashed|sliced)",
    r"take (my|your|his|her|their) own life", r"taking (my|your|his|her|their) own life", r"end it all",
    r"(jump|jumping|throw myself|throwing myself) (off|from|in front of) (a|the) "
    r"(bridge|building|roof|cliff|train)( to (die|end it|kill))?",
    r"(easiest|quickest|painless|best|fastest|surest) (way|method)s? to (die|kill (myself|yourself|oneself))",
    r"(how|ways?|methods?) to (hang|kill|poison|drown) (yourself|oneself|myself)",
    r"overdos\w* (on|with) (pills|sleeping pills|paracetamol|medication)", r"hang(ing)? (myself|yourself|oneself)",
    r"(swallow|swallowing|take|taking) all (my|the|her|his) (sleeping )?(pills|tablets|medication)",
    r"(burn|burning|cut|cutting|hurt|hurting|punish|punishing) (my|her|his|their) own (arms?|legs?|skin|body|wrists?|thighs?)",
    r"self ?punishment",
    r"(me|se|te) jeter (du|d un|sous|par|de la) (pont|train|fenetre|toit|haut)",
    r"(mir|sich|dir) die pulsadern", r"(mich|sich) (vor|von) (den|einen|der|einer|die) (zug|brucke|dach)",
    r"tirar(me|se|te) (de|desde|por) (un|una|el|la) (puente|edificio|ventana|tren|azotea)",
    r"(me|se|te) (voy|va|vas|vamos) a (tirar|lanzar) (de|desde|por) (un|una|el|la)",
    # French
    r"(me|se|te) suicider", r"(me|te) tuer", r"(me|se|te) pendre", r"(me|se|te) scarifier",
    r"(m|s|t) ouvrir les veines", r"en finir avec (la|ma) vie", r"je veux mourir", r"mettre fin a (mes|ses) jours",
    # German
    r"(mich|dich|sich) (umbringen|toten|ritzen|erhangen|aufhangen|erschiessen)", r"bringe? ich mich um",
    r"ich will (sterben|nicht mehr leben)", r"(selbstmord|suizid) (begehen|anleitung|methoden?)",
    r"anleitung zum (selbstmord|suizid)", r"(pulsadern|handgelenke) aufschneiden",
    # Spanish
    r"suicidar(me|se|te)", r"matar(me|te)", r"quitar(me|se|te) la vida", r"cortar(me|se|te) las venas",
    r"ahorcar(me|se|te)", r"quiero morir(me)?", r"(como|forma de|manera de) (suicidarse|matarse)",
]
# "suicide" alone names a subject (a poster, a novel); with a how-to word it asks for a method.
SUICIDE = [r"suicid\w*", r"selbstmord\w*", r"suizid\w*", r"freitod"]
HOW_TO = [r"how (to|do (i|you))", r"comment", r"wie", r"como", r"tutorials?", r"tutoriel", r"guide",
          r"instructions?", r"instrucciones", r"anleitung", r"methods?", r"methodes?", r"metodos?",
          r"easiest", r"painless", r"sans douleur", r"schmerzlos", r"sin dolor", r"step by step"]

# -- weapon-making ----------------------------------------------------------------------------
WEAPON = [
    r"(pipe|nail|car|dirty|pressure ?cooker|letter|fertili[sz]er) ?bombs?", r"bombs?", r"explosives?",
    r"explosive (device|vest|belt)s?", r"ieds?", r"improvised (explosive|weapon)s?", r"grenades?",
    r"napalm", r"molotov( cocktails?)?", r"detonators?", r"(nerve|mustard|chlorine|poison) (gas|agent)s?",
    r"sarin", r"ricin", r"vx", r"anthrax", r"(chemical|biological) weapons?", r"bioweapons?",
    r"(untraceable|ghost|3d ?printed|home ?made|homemade|diy) (guns?|firearms?|pistols?|rifles?)",
    r"(silencer|suppressor)s? (for|on) (a|my) (gun|pistol|rifle)", r"full ?auto conversion",
    r"bombes?( artisanales?)?", r"explosifs?", r"engins? explosifs?", r"ceintures? explosives?",
    r"bomben?", r"rohrbomben?", r"nagelbomben?", r"sprengstoff\w*", r"sprengsatz\w*", r"sprengsatze",
    r"handgranaten?", r"granaten?", r"bombas?( caseras?)?", r"explosivos?", r"artefactos? explosivos?",
    r"granadas?", r"coctel molotov",
]
MAKE = [
    r"how (to|do (i|you)|can i)", r"(make|making|build|building|assemble|assembling|construct|constructing|"
    r"craft|crafting|manufactur\w*|synthesi[sz]\w*|produc(e|ing)|brew|brewing|cook|cooking|rig|rigging|"
    r"wire|wiring|mix|mixing|prepare|preparing|3d ?print\w*)", r"instructions?", r"step by step",
    r"tutorials?", r"recipes?", r"guide", r"diagram", r"blueprints?", r"schematics?", r"homemade",
    r"comment", r"fabriqu\w*", r"fabrication", r"construire", r"tutoriel", r"recette", r"assembler",
    r"wie", r"baue?n?", r"bau", r"herstell\w*", r"anleitung", r"bauanleitung", r"basteln", r"selbstgebaut\w*",
    r"como", r"fabricar", r"hacer", r"construir", r"armar", r"instrucciones", r"receta", r"casera?s?",
]

# -- hate ---------------------------------------------------------------------------------------
HATE = [r"(auslander|juden|muslime|fluchtlinge|turken|kanaken) raus", r"hakenkreuz\w* (fahne|flagge|plakat)",
        r"sieg heil", r"mort aux (juifs|arabes|musulmans|noirs)", r"muerte a los (judios|musulmanes|negros)"]
GROUP = [r"juifs?", r"musulmans?", r"arabes?", r"noirs?", r"immigre\w*", r"refugies?", r"migrants?",
         r"etrangers?", r"juden", r"muslime", r"auslander", r"fluchtlinge", r"migranten", r"schwarze",
         r"judios", r"musulmanes", r"inmigrantes", r"migrantes", r"negros", r"extranjeros", r"gitanos"]
DEHUMANISE = [r"des rats", r"de la vermine", r"vermine", r"des parasites", r"des animaux", r"des cafards",
              r"ungeziefer", r"parasiten", r"ratten", r"untermenschen", r"tiere", r"una plaga", r"plaga",
              r"ratas", r"parasitos", r"cucarachas", r"animales", r"basura"]
COPULA = [r"are", r"is", r"as", r"like", r"sont", r"est", r"sind", r"ist", r"son", r"es", r"="]
HATE_CODE = [r"1488", r"14 ?88", r"14 words", r"hh ?88"]
HATE_CONTEXT = [r"nazi\w*", r"neo ?nazi\w*", r"aryan\w*", r"white (power|pride|nationalis\w*|supremac\w*)",
                r"heil", r"swastika\w*", r"hakenkreuz\w*", r"reich", r"skinheads?", r"tattoo\w*", r"flags?",
                r"banners?", r"rally", r"salute", r"patch(es)?", r"graffiti", r"shirts?"]

# -- allowed look-alikes --------------------------------------------------------------------------
ALLOW = [
    r"nude[ -]?(colou?r(ed)?|tone[ds]?|shades?|heels?|pumps|sandals|shoes|tights|stockings|lipstick|"
    r"lip ?gloss|makeup|make up|nails?|polish|palette|beige|blush|bra|look)", r"(couleur|teinte) nude",
    r"nu (metal|jazz|disco|soul|wave|rave)", r"(bath|photo|smoke|glitter|seed|paint|paintball|flavou?r) ?bombs?",
    r"bomb (disposal|shelters?|squad|sniffing|threat drill)", r"the bomb (cake|dessert)",
    r"bombes? (de peinture|de bain|aerosol)", r"bombas? (de bano|de humo|de semillas)",
    r"(suicide|selbstmord|suizid|suicidio)[ -]?(prevention|pravention|prevencion|hotline|helpline|squad)",
    r"prevention (du|of) (suicide|self ?harm)", r"cutthroat (trout|razor|business|competition)",
    r"(shooting|shoot|shot) (at|on) (the|a) (basket|goal|hoop|target|net)", r"shooting (range|star)s?",
    r"naked cakes?", r"sex pistols", r"water ?guns?", r"nerf guns?", r"glue guns?", r"gun safety", r"ice bath", r"kind (of|regards|words|man|woman|"
    r"person|people|heart|smile|gesture)",
]

# -- Chinese (matched on the text without spaces) ------------------------------------------------
CJK_SEXUAL = ["裸体", "裸照", "全裸", "赤裸", "裸露", "色情", "黄片", "性爱", "做爱", "成人视频", "脱光",
              "一丝不挂", "露点", "淫秽", "春宫", "裸女", "裸男", "光着身子", "没穿衣服", "不穿衣服"]
CJK_MINOR = ["儿童", "孩子", "小孩", "小女孩", "小男孩", "幼女", "幼童", "未成年", "萝莉", "婴儿", "女童",
             "男童", "少女", "学生妹", "小学生", "初中生"]
CJK_MINOR_SEXUAL = ["萝莉控", "恋童", "儿童色情", "幼女色情"]
CJK_ALLOW = ["血腥玛丽", "预防自杀", "自杀预防", "防止自杀", "自杀干预"]
CJK_VIOLENCE = ["斩首", "砍头", "肢解", "分尸", "血腥", "屠杀", "虐杀", "割喉", "爆头", "碎尸", "枪击案",
                "血肉模糊", "开膛"]
CJK_SELF_HARM = ["自杀", "割腕", "上吊", "轻生", "想死", "结束生命", "自残", "跳楼", "结束自己的生命"]
CJK_WEAPON = ["炸弹", "炸药", "爆炸物", "爆炸装置", "手榴弹", "毒气", "神经毒剂", "燃烧弹", "雷管", "土制枪"]
CJK_MAKE = ["制作", "制造", "自制", "如何", "怎么", "怎样", "方法", "教程", "配方", "步骤", "组装"]
CJK_HATE = ["劣等民族", "杀光", "灭绝", "是害虫", "是蟑螂"]

# -- concepts: two parts close together, in any of the languages ---------------------------------
# "without a stitch of clothing", "forgot to put on any clothes", "ohne Kleidung", "sin nada de ropa"
NEGATION = [r"without", r"no", r"not", r"forgot", r"none", r"zero", r"minus", r"lacking", r"sans", r"pas de",
            r"aucun\w*", r"ohne", r"kein\w*", r"sin", r"nada de", r"ni"]
CLOTHING = [r"clothes", r"clothing", r"clothed", r"stitch", r"garments?", r"vetements?", r"habits",
            r"kleidung", r"klamotten", r"kleider", r"ropa", r"prendas?"]
SEXUAL_ACTS = [r"making love", r"make love", r"(fait|faire|font|faisant) l amour", r"liebe machen",
               r"hacer el amor", r"haciendo el amor", r"(teniendo|tener) sexo", r"beim sex",
               r"only in (his|her|their) (own )?skin", r"dressed in nothing",
               r"undress\w* (slowly |seductively )?(for|on|in front of) (the |a )?(camera|webcam|viewers?)",
               r"(breasts?|nipples?|genitals?|butt|buttocks) (out|showing|visible|hanging out)",
               r"(in|wearing) (just|only) (her|his|their) (own )?skin", r"wearing (just|only) a smile",
               r"x ?rated", r"bare[ -]?(bodied|skinned)", r"undress(es|ing)", r"desnudandose", r"desvistiendose",
               r"se deshabill\w*", r"zieht sich (\w+ )?aus", r"ausziehen",
               r"(take|takes|taking|took|strip|strips|stripping|rip|ripping) off (all )?(her|his|their) clothes"]
EXPLICIT = [r"explicit", r"uncensored", r"hardcore", r"nsfw"]
COUPLE = [r"couples?", r"two (people|women|men|actors|bodies)", r"lovers", r"actors", r"actresses",
          r"(a|the) (woman|man|girl|guy)"]
BODY_PART = [r"head", r"throat", r"neck", r"face", r"limbs?", r"arms?", r"legs?", r"hands?", r"fingers?",
             r"tete", r"gorge", r"kopf", r"kehle", r"hals", r"cabeza", r"garganta", r"cuello"]
MUTILATE = [r"(cut|chopped|hacked|sliced|sawn|sawed|torn|ripped|blown|shot) off", r"slashed", r"slit",
            r"severed", r"split open", r"smashed in", r"caved in", r"(gunshot|bullet)s? (to|in|through)"]
VIOLENCE_MORE = [r"mow(ed|ing|s)? down", r"gunned down", r"(set|lit) on fire", r"burn(ed|t|ing)? alive",
                 r"(gunshot|bullet)s? (to|in|through) the (head|face|chest|skull)", r"bodies everywhere",
                 r"executed (with|by) (a )?(gunshot|bullet|shot)"]
FIRST_PERSON = [r"i", r"me", r"my", r"myself", r"i m", r"im", r"i ll", r"je", r"moi", r"ich", r"mich",
                r"mir", r"yo", r"me"]
DYING = [r"die", r"dying", r"to death", r"stop living", r"not wake up", r"never wake up", r"end (it|my life)",
         r"kill", r"lethal", r"fatal", r"overdose", r"did (it|this) to myself", r"do (it|this) to myself",
         r"mourir", r"sterben", r"morir"]
METHOD = [r"pills", r"tablets", r"sleeping pills", r"noose", r"razor( blade)?s?", r"ropes?", r"blades?",
          r"fresh cuts", r"cuts on my", r"(jump|jumping) (off|from)", r"bridge", r"rooftop", r"gun",
          r"overdose", r"cachets", r"tabletten", r"pastillas", r"dose"]
WEAPON_MORE = [r"(working|functional|real|live|untraceable|unregistered) (gun|firearm|pistol|rifle)s?", r"thermite", r"full ?auto", r"bump ?stocks?", r"auto ?sears?", r"zip ?guns?"]
NOOSE = [r"noose", r"nooses"]
CALLING = [r"calling", r"called", r"call", r"calls", r"as"]
