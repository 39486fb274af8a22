/**
 * The leaflet's first text (French, written for Relais) and drafts of its translations produced with help: each
 * draft is stored as "to review", marked as produced with help, until a person who reads the language validates it.
 * The emergency numbers are France's public free numbers (17, 112, 114 by text message, 119, 3919).
 */

/** The leaflet's title in each language. */
export const LEAFLET_TITLES: Record<string, string> = {
  fr: 'Vous êtes peut-être victime de traite',
  en: 'You may be a victim of human trafficking',
  es: 'Quizá sea víctima de trata de personas',
  pt: 'Pode ser vítima de tráfico de seres humanos',
  ro: 'Este posibil să fiți victimă a traficului de persoane',
  bg: 'Може би сте жертва на трафик на хора',
  ar: 'قد تكون ضحية للاتجار بالبشر',
  zh: '您可能是人口贩运的受害者',
  vi: 'Có thể bạn là nạn nhân của mua bán người',
  ru: 'Возможно, вы жертва торговли людьми',
  uk: 'Можливо, ви жертва торгівлі людьми',
};

type Text = { title: string; body: string };

export const LEAFLET_CONTENT: Array<{ key: string; fr: Text; drafts: Record<string, Text> }> = [
  {
    key: 'droits',
    fr: {
      title: 'Vos droits',
      body: 'Vous avez le droit d’être protégé·e, même sans papiers.\n- Un hébergement sûr, des soins et un accompagnement, gratuitement.\n- Un interprète dans votre langue.\n- Trente jours pour réfléchir avant de décider de porter plainte.',
    },
    drafts: {
      en: {
        title: 'Your rights',
        body: 'You have the right to be protected, even without papers.\n- Safe accommodation, health care and support, free of charge.\n- An interpreter in your language.\n- Thirty days to think before deciding whether to file a complaint.',
      },
      es: {
        title: 'Sus derechos',
        body: 'Usted tiene derecho a ser protegido/a, incluso sin papeles.\n- Un alojamiento seguro, atención médica y acompañamiento, gratuitos.\n- Un intérprete en su idioma.\n- Treinta días para reflexionar antes de decidir si presenta una denuncia.',
      },
      pt: {
        title: 'Os seus direitos',
        body: 'Tem direito a ser protegido/a, mesmo sem documentos.\n- Alojamento seguro, cuidados de saúde e acompanhamento, gratuitos.\n- Um intérprete na sua língua.\n- Trinta dias para refletir antes de decidir se apresenta queixa.',
      },
      ro: {
        title: 'Drepturile dumneavoastră',
        body: 'Aveți dreptul să fiți protejat(ă), chiar și fără acte.\n- Cazare sigură, îngrijire medicală și sprijin, gratuit.\n- Un interpret în limba dumneavoastră.\n- Treizeci de zile de reflecție înainte de a decide dacă depuneți plângere.',
      },
      bg: {
        title: 'Вашите права',
        body: 'Имате право на закрила, дори без документи.\n- Безопасно настаняване, медицинска помощ и подкрепа, безплатно.\n- Преводач на вашия език.\n- Тридесет дни за размисъл, преди да решите дали да подадете жалба.',
      },
      ar: {
        title: 'حقوقك',
        body: 'لك الحق في الحماية، حتى بدون أوراق.\n- سكن آمن ورعاية صحية ومرافقة، مجانًا.\n- مترجم بلغتك.\n- ثلاثون يومًا للتفكير قبل أن تقرر تقديم شكوى.',
      },
      zh: {
        title: '您的权利',
        body: '即使没有证件，您也有权受到保护。\n- 免费获得安全住所、医疗护理和陪同支持。\n- 使用您语言的口译员。\n- 在决定是否报案之前，有三十天的考虑期。',
      },
      vi: {
        title: 'Quyền của bạn',
        body: 'Bạn có quyền được bảo vệ, kể cả khi không có giấy tờ.\n- Chỗ ở an toàn, chăm sóc y tế và hỗ trợ, miễn phí.\n- Một phiên dịch viên bằng ngôn ngữ của bạn.\n- Ba mươi ngày để suy nghĩ trước khi quyết định có nộp đơn tố cáo hay không.',
      },
      ru: {
        title: 'Ваши права',
        body: 'Вы имеете право на защиту, даже без документов.\n- Безопасное жильё, медицинская помощь и сопровождение бесплатно.\n- Переводчик на вашем языке.\n- Тридцать дней на размышление, прежде чем решить, подавать ли заявление.',
      },
      uk: {
        title: 'Ваші права',
        body: 'Ви маєте право на захист, навіть без документів.\n- Безпечне житло, медична допомога та супровід безкоштовно.\n- Перекладач вашою мовою.\n- Тридцять днів на роздуми, перш ніж вирішити, чи подавати заяву.',
      },
    },
  },
  {
    key: 'signes',
    fr: {
      title: 'Les signes qui doivent vous alerter',
      body: '- On vous a pris vos papiers d’identité.\n- Vous devez rembourser une dette qui ne diminue jamais.\n- On vous force à travailler, à mendier, à voler ou à avoir des relations sexuelles.\n- Vous ne pouvez pas partir librement.\n- On vous menace, vous ou votre famille.',
    },
    drafts: {
      en: {
        title: 'Signs that should alert you',
        body: '- Someone has taken your identity papers.\n- You must pay back a debt that never gets smaller.\n- You are forced to work, beg, steal or have sex.\n- You cannot leave freely.\n- You or your family are threatened.',
      },
      es: {
        title: 'Señales de alerta',
        body: '- Le han quitado sus documentos de identidad.\n- Debe pagar una deuda que nunca disminuye.\n- Le obligan a trabajar, mendigar, robar o tener relaciones sexuales.\n- No puede irse libremente.\n- Le amenazan a usted o a su familia.',
      },
      pt: {
        title: 'Sinais de alerta',
        body: '- Tiraram-lhe os documentos de identidade.\n- Tem de pagar uma dívida que nunca diminui.\n- Obrigam-no/a a trabalhar, mendigar, roubar ou ter relações sexuais.\n- Não pode sair livremente.\n- Ameaçam-no/a a si ou à sua família.',
      },
      ro: {
        title: 'Semne care trebuie să vă alerteze',
        body: '- V-au fost luate actele de identitate.\n- Trebuie să plătiți o datorie care nu scade niciodată.\n- Sunteți obligat(ă) să munciți, să cerșiți, să furați sau să întrețineți relații sexuale.\n- Nu puteți pleca liber.\n- Sunteți amenințat(ă) dumneavoastră sau familia dumneavoastră.',
      },
      bg: {
        title: 'Признаци, които трябва да ви предупредят',
        body: '- Взели са ви документите за самоличност.\n- Трябва да изплащате дълг, който никога не намалява.\n- Принуждават ви да работите, да просите, да крадете или да имате сексуални отношения.\n- Не можете да си тръгнете свободно.\n- Заплашват вас или семейството ви.',
      },
      ar: {
        title: 'علامات يجب أن تنبهك',
        body: '- أخذوا منك أوراق هويتك.\n- عليك سداد دين لا ينقص أبدًا.\n- يجبرونك على العمل أو التسول أو السرقة أو ممارسة الجنس.\n- لا تستطيع المغادرة بحرية.\n- يهددونك أنت أو عائلتك.',
      },
      zh: {
        title: '应引起警惕的迹象',
        body: '- 有人拿走了您的身份证件。\n- 您必须偿还一笔永远还不清的债务。\n- 有人强迫您工作、乞讨、偷窃或发生性关系。\n- 您不能自由离开。\n- 有人威胁您或您的家人。',
      },
      vi: {
        title: 'Những dấu hiệu cần cảnh giác',
        body: '- Người ta đã lấy giấy tờ tùy thân của bạn.\n- Bạn phải trả một khoản nợ không bao giờ giảm.\n- Bạn bị ép làm việc, ăn xin, trộm cắp hoặc quan hệ tình dục.\n- Bạn không thể tự do rời đi.\n- Bạn hoặc gia đình bạn bị đe dọa.',
      },
      ru: {
        title: 'Признаки, которые должны вас насторожить',
        body: '- У вас забрали документы, удостоверяющие личность.\n- Вы должны выплачивать долг, который никогда не уменьшается.\n- Вас заставляют работать, попрошайничать, воровать или вступать в сексуальные отношения.\n- Вы не можете свободно уйти.\n- Угрожают вам или вашей семье.',
      },
      uk: {
        title: 'Ознаки, які мають вас насторожити',
        body: '- У вас забрали документи, що посвідчують особу.\n- Ви мусите сплачувати борг, який ніколи не зменшується.\n- Вас змушують працювати, жебракувати, красти або вступати в сексуальні стосунки.\n- Ви не можете вільно піти.\n- Погрожують вам або вашій родині.',
      },
    },
  },
  {
    key: 'appeler',
    fr: {
      title: 'Qui appeler',
      body: '- Danger immédiat : 17 (police) ou 112.\n- Par SMS, si vous ne pouvez pas parler : 114.\n- Enfant en danger : 119.\n- Femme victime de violences : 3919.\nCes appels sont gratuits.',
    },
    drafts: {
      en: {
        title: 'Who to call',
        body: '- Immediate danger: 17 (police) or 112.\n- By text message, if you cannot speak: 114.\n- A child in danger: 119.\n- A woman facing violence: 3919.\nThese calls are free.',
      },
      es: {
        title: 'A quién llamar',
        body: '- Peligro inmediato: 17 (policía) o 112.\n- Por SMS, si no puede hablar: 114.\n- Un niño en peligro: 119.\n- Mujer víctima de violencia: 3919.\nEstas llamadas son gratuitas.',
      },
      pt: {
        title: 'Para quem ligar',
        body: '- Perigo imediato: 17 (polícia) ou 112.\n- Por SMS, se não puder falar: 114.\n- Criança em perigo: 119.\n- Mulher vítima de violência: 3919.\nEstas chamadas são gratuitas.',
      },
      ro: {
        title: 'Pe cine să sunați',
        body: '- Pericol imediat: 17 (poliția) sau 112.\n- Prin SMS, dacă nu puteți vorbi: 114.\n- Copil în pericol: 119.\n- Femeie victimă a violenței: 3919.\nAceste apeluri sunt gratuite.',
      },
      bg: {
        title: 'На кого да се обадите',
        body: '- Непосредствена опасност: 17 (полиция) или 112.\n- С SMS, ако не можете да говорите: 114.\n- Дете в опасност: 119.\n- Жена, жертва на насилие: 3919.\nТези обаждания са безплатни.',
      },
      ar: {
        title: 'بمن تتصل',
        body: '- خطر فوري: 17 للشرطة أو 112.\n- برسالة نصية إذا لم تستطع الكلام: 114.\n- طفل في خطر: 119.\n- امرأة ضحية عنف: 3919.\nهذه المكالمات مجانية.',
      },
      zh: {
        title: '拨打哪个电话',
        body: '- 紧急危险：17（警察）或 112。\n- 如果您无法说话，可发短信：114。\n- 儿童处于危险中：119。\n- 遭受暴力的妇女：3919。\n这些电话均免费。',
      },
      vi: {
        title: 'Gọi cho ai',
        body: '- Nguy hiểm tức thời: 17 (cảnh sát) hoặc 112.\n- Gửi tin nhắn SMS nếu bạn không thể nói: 114.\n- Trẻ em gặp nguy hiểm: 119.\n- Phụ nữ bị bạo lực: 3919.\nCác cuộc gọi này miễn phí.',
      },
      ru: {
        title: 'Куда звонить',
        body: '- Непосредственная опасность: 17 (полиция) или 112.\n- По SMS, если вы не можете говорить: 114.\n- Ребёнок в опасности: 119.\n- Женщина — жертва насилия: 3919.\nЭти звонки бесплатны.',
      },
      uk: {
        title: 'Куди телефонувати',
        body: '- Безпосередня небезпека: 17 (поліція) або 112.\n- SMS, якщо ви не можете говорити: 114.\n- Дитина в небезпеці: 119.\n- Жінка, яка зазнає насильства: 3919.\nЦі дзвінки безкоштовні.',
      },
    },
  },
  {
    key: 'securite',
    fr: {
      title: 'Votre sécurité',
      body: '- Gardez ce document dans un endroit sûr.\n- Parlez à une personne de confiance : travailleur social, médecin, association.\n- Sur le site Relais, le bouton « Quitter rapidement » ferme la page en un clic.',
    },
    drafts: {
      en: {
        title: 'Your safety',
        body: '- Keep this document in a safe place.\n- Talk to someone you trust: a social worker, a doctor, an association.\n- On the Relais website, the “Quitter rapidement” (leave quickly) button closes the page in one click.',
      },
      es: {
        title: 'Su seguridad',
        body: '- Guarde este documento en un lugar seguro.\n- Hable con una persona de confianza: trabajador social, médico, asociación.\n- En el sitio web Relais, el botón «Quitter rapidement» (salir rápidamente) cierra la página con un clic.',
      },
      pt: {
        title: 'A sua segurança',
        body: '- Guarde este documento num lugar seguro.\n- Fale com uma pessoa de confiança: assistente social, médico, associação.\n- No site Relais, o botão «Quitter rapidement» (sair rapidamente) fecha a página com um clique.',
      },
      ro: {
        title: 'Siguranța dumneavoastră',
        body: '- Păstrați acest document într-un loc sigur.\n- Vorbiți cu o persoană de încredere: asistent social, medic, asociație.\n- Pe site-ul Relais, butonul „Quitter rapidement” (ieșire rapidă) închide pagina cu un singur clic.',
      },
      bg: {
        title: 'Вашата безопасност',
        body: '- Пазете този документ на сигурно място.\n- Говорете с човек, на когото имате доверие: социален работник, лекар, организация.\n- На сайта Relais бутонът „Quitter rapidement“ (бързо излизане) затваря страницата с едно щракване.',
      },
      ar: {
        title: 'سلامتك',
        body: '- احتفظ بهذه الوثيقة في مكان آمن.\n- تحدث إلى شخص تثق به: مساعد اجتماعي أو طبيب أو جمعية.\n- في موقع Relais، يغلق زر الخروج السريع الصفحة بنقرة واحدة.',
      },
      zh: {
        title: '您的安全',
        body: '- 请将本文件存放在安全的地方。\n- 与您信任的人交谈：社工、医生、协会。\n- 在 Relais 网站上，“Quitter rapidement”（快速离开）按钮可一键关闭页面。',
      },
      vi: {
        title: 'An toàn của bạn',
        body: '- Hãy cất tài liệu này ở nơi an toàn.\n- Hãy nói chuyện với người bạn tin tưởng: nhân viên xã hội, bác sĩ, hiệp hội.\n- Trên trang web Relais, nút « Quitter rapidement » (rời đi nhanh) sẽ đóng trang chỉ bằng một cú nhấp.',
      },
      ru: {
        title: 'Ваша безопасность',
        body: '- Храните этот документ в надёжном месте.\n- Поговорите с человеком, которому доверяете: социальным работником, врачом, организацией.\n- На сайте Relais кнопка «Quitter rapidement» (быстрый выход) закрывает страницу одним нажатием.',
      },
      uk: {
        title: 'Ваша безпека',
        body: '- Зберігайте цей документ у безпечному місці.\n- Поговоріть з людиною, якій довіряєте: соціальним працівником, лікарем, організацією.\n- На сайті Relais кнопка «Quitter rapidement» (швидкий вихід) закриває сторінку одним натисканням.',
      },
    },
  },
];
