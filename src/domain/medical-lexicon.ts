/**
 * The medical-detail lexicon used by the note checks (`note-checks.ts`).
 *
 * Policy (seed 001, domain.md "Case notes"): a case note may say that a medical condition or a
 * disability EXISTS, never WHAT it is. So this list names specific things — diagnoses,
 * medications, procedures, and treatment settings or specialists that give a diagnosis away.
 * It deliberately leaves out words that only say a need exists:
 *   "medical condition", "disability", "health issue", "mental health", "behavioral health",
 *   "mental illness", "physical disability", "counseling", "therapist", "doctor", "hospital",
 *   "surgery", "medication", "physical therapy", "drug test", "anxiety" (the feeling), "stress",
 *   "trauma", "depressed" (the mood or the economy), devices such as "wheelchair" or "hearing aid"
 *   (usually named when asking for an accommodation), and over-the-counter remedies (Tylenol…).
 *
 * Term syntax (kept small so the lists stay readable):
 *   - a space matches spaces, tabs or a hyphen; a hyphen matches a hyphen, a space or nothing
 *     ("open-heart" also finds "open heart" and "openheart");
 *   - an apostrophe is optional and may be straight or curly ("Crohn's" finds "Crohns", "Crohn’s");
 *   - `[x]` is an optional part, `(a|b)` a choice; a slash matches "/" with optional spaces;
 *   - every term also matches its plural (…s / …es, …y → …ies, …sis → …ses).
 * Terms are case-insensitive unless listed under `exact` (acronyms that collide with ordinary
 * words in lower case: "AIDS" vs "visual aids", "TB", "ALS", "PrEP" vs "interview prep").
 * Deliberately absent because they collide with everyday case-note words: "MS" (Ms. Garcia,
 * MS Word), "ADD", "CA", "DM" (Slack direct message), "BP", "ED", "PT", "OT", "STD", "MAT" alone,
 * "AA" alone (an AA degree), "shingles" (roofing), "Norco" and "Soma" (places), "Plan B".
 */

export type MedicalGroup =
  | 'diagnosis'
  | 'mental-health'
  | 'substance-use'
  | 'pregnancy'
  | 'injury-disability'
  | 'medication'
  | 'medication-class'
  | 'procedure'
  | 'setting';

export interface LexiconGroup {
  group: MedicalGroup;
  /** What a term of this group reveals, completing “… names ___.” */
  label: string;
  /** What to write instead, shown with every warning of this group. */
  suggestion: string;
  /** Case-insensitive terms. */
  terms: readonly string[];
  /** Case-sensitive terms (acronyms that are ordinary words in lower case). */
  exact?: readonly string[];
}

export const MEDICAL_LEXICON: readonly LexiconGroup[] = [
  {
    group: 'diagnosis',
    label: 'a diagnosis or medical condition',
    suggestion:
      'Say only that a medical condition exists and what it changes for the plan, e.g. “Participant has a medical condition that limits lifting to 20 lbs; requested an accommodation.”',
    terms: [
      // metabolic and endocrine
      'diabetes', 'diabetic', 'prediabetes', 'prediabetic', 'type (1|I|one) diabetes',
      'type (2|II|two) diabetes', 'diabetes mellitus', 'diabetic neuropathy', 'diabetic retinopathy',
      'hypoglycemia', 'hyperglycemia', 'hypothyroidism', 'hyperthyroidism', 'thyroid disease',
      'thyroid condition', "Graves' disease", "Hashimoto's", 'obesity', 'morbid obesity',
      'morbidly obese', 'high cholesterol', 'hyperlipidemia', 'gout',
      // heart and circulation
      'hypertension', 'hypertensive', 'high blood pressure', 'low blood pressure', 'hypotension',
      'heart disease', 'heart condition', 'heart failure', 'congestive heart failure',
      'heart attack', 'myocardial infarction', 'cardiac', 'cardiac arrest',
      'coronary artery disease', 'cardiomyopathy', 'arrhythmia', 'atrial fibrillation', 'A-fib',
      'angina', 'stroke', 'mini-stroke', 'transient ischemic attack', 'aneurysm', 'blood clot',
      'deep vein thrombosis', 'DVT', 'pulmonary embolism', 'peripheral artery disease',
      // lungs
      'asthma', 'asthmatic', 'COPD', 'emphysema', 'chronic bronchitis', 'bronchitis',
      'sleep apnea', 'cystic fibrosis', 'pneumonia', 'pulmonary fibrosis', 'tuberculosis',
      // infections
      'HIV', 'HIV-positive', 'HIV/AIDS', 'hepatitis', 'hepatitis (A|B|C)', 'hep (A|B|C)',
      'herpes', 'genital herpes', 'syphilis', 'gonorrhea', 'chlamydia', 'HPV',
      'sexually transmitted disease', 'sexually transmitted infection', 'COVID', 'COVID-19',
      'long COVID', 'influenza', 'flu', 'MRSA', 'staph infection', 'sepsis',
      'urinary tract infection', 'UTI',
      // liver, kidney, digestion
      'cirrhosis', 'fatty liver', 'liver disease', 'liver failure', 'kidney disease',
      'chronic kidney disease', 'CKD', 'kidney failure', 'renal failure',
      'end-stage renal disease', 'ESRD', 'kidney stone', "Crohn's", "Crohn's disease",
      'ulcerative colitis', 'colitis', 'irritable bowel syndrome', 'celiac disease', 'GERD',
      'acid reflux', 'stomach ulcer', 'ulcer', 'incontinence',
      // cancer
      'cancer', 'tumor', 'tumour', 'brain tumor', 'malignant', 'metastatic', 'metastasis',
      'carcinoma', 'sarcoma', 'lymphoma', "Hodgkin's", 'leukemia', 'leukaemia', 'melanoma',
      'myeloma', 'multiple myeloma', 'mesothelioma', 'breast cancer', 'lung cancer',
      'prostate cancer', 'colon cancer', 'colorectal cancer', 'cervical cancer',
      'ovarian cancer', 'pancreatic cancer', 'skin cancer', 'thyroid cancer', 'bladder cancer',
      'stomach cancer', 'liver cancer', 'terminal illness', 'terminally ill',
      // blood and immune
      'anemia', 'anaemia', 'sickle cell', 'sickle cell anemia', 'sickle cell disease', 'hemophilia', 'haemophilia', 'lupus',
      'autoimmune disease', 'rheumatoid arthritis', 'arthritis', 'osteoarthritis',
      'psoriatic arthritis', 'psoriasis', 'eczema', 'anaphylaxis',
      // nerves, brain, senses
      'epilepsy', 'epileptic', 'seizure', 'seizure disorder', 'convulsions', 'migraine',
      'multiple sclerosis', "Parkinson's", "Parkinson's disease", "Alzheimer's",
      "Alzheimer's disease", 'dementia', "Huntington's disease", "Lou Gehrig's disease",
      'amyotrophic lateral sclerosis', 'cerebral palsy', 'muscular dystrophy', 'spina bifida',
      'Down syndrome', 'neuropathy', 'narcolepsy', 'insomnia', 'glaucoma',
      'macular degeneration', 'cataract', 'retinopathy', 'tinnitus', "Meniere's disease",
      // bones, joints, pain
      'osteoporosis', 'fibromyalgia', 'chronic fatigue syndrome', 'chronic pain', 'back pain',
      'sciatica', 'herniated disc', 'slipped disc', 'bulging disc', 'degenerative disc disease',
      'scoliosis', 'carpal tunnel', 'carpal tunnel syndrome',
      // reproductive and other
      'endometriosis', 'polycystic ovary syndrome', 'PCOS', 'erectile dysfunction',
    ],
    exact: ['CHF', 'IBS', 'TB', 'AIDS', 'ALS'],
  },
  {
    group: 'mental-health',
    label: 'a mental health diagnosis',
    suggestion:
      'Say only that a condition or need exists, e.g. “Participant reported a health condition and accepted a referral to mental health services.”',
    terms: [
      'depression', 'clinical depression', 'major depression', 'major depressive disorder',
      'clinically depressed', 'postpartum depression', 'seasonal affective disorder', 'bipolar',
      'bipolar disorder', 'manic depression', 'manic-depressive', 'manic episode',
      'schizophrenia', 'schizophrenic', 'paranoid schizophrenia', 'schizoaffective',
      'schizoaffective disorder', 'psychosis', 'psychotic', 'psychotic episode',
      'auditory hallucinations', 'hearing voices', 'PTSD', 'post-traumatic stress',
      'post-traumatic stress disorder', 'anxiety disorder', 'generalized anxiety disorder',
      'panic disorder', 'panic attack', 'social anxiety', 'social anxiety disorder',
      'agoraphobia', 'OCD', 'obsessive-compulsive disorder', 'ADHD', 'attention deficit disorder',
      'attention deficit hyperactivity disorder', 'autism', 'autistic', 'autism spectrum disorder',
      "Asperger's", "Asperger's syndrome", 'on the spectrum', 'borderline personality disorder',
      'personality disorder', 'antisocial personality disorder',
      'narcissistic personality disorder', 'dissociative identity disorder',
      'multiple personality disorder', 'eating disorder', 'binge eating disorder', 'anorexia',
      'anorexic', 'bulimia', 'bulimic', 'suicidal', 'suicidal ideation', 'suicide attempt',
      'attempted suicide', 'self-harm', 'self-injury', 'nervous breakdown', 'mental breakdown',
      "Tourette's", "Tourette's syndrome", 'intellectual disability', 'learning disability',
      'developmental disability', 'cognitive disability', 'mental retardation', 'retarded',
      'dyslexia', 'dyslexic', 'dyscalculia',
    ],
    exact: ['MDD', 'GAD'],
  },
  {
    group: 'substance-use',
    label: 'substance use or its treatment',
    suggestion:
      'Leave out the substance and the diagnosis, e.g. “Participant disclosed a barrier to employment and accepted a referral to a partner agency.”',
    terms: [
      'substance use disorder', 'substance abuse', 'substance misuse', 'drug addiction',
      'drug abuse', 'drug problem', 'drug habit', 'addiction', 'addicted', 'addict', 'drug addict',
      'alcoholism', 'alcoholic', 'alcohol use disorder', 'alcohol abuse', 'alcohol dependence',
      'alcohol addiction', 'opioid use disorder', 'opioid addiction', 'opioid dependence',
      'overdose', 'overdosed', 'heroin', 'cocaine', 'crack cocaine', 'methamphetamine', 'meth',
      'crystal meth', 'fentanyl', 'IV drug use', 'injection drug use', 'needle exchange',
      'delirium tremens', 'sobriety', 'clean and sober', 'Alcoholics Anonymous',
      'Narcotics Anonymous', '(12|twelve)-step (program|meeting|group)',
      'medication-assisted treatment',
    ],
    exact: ['OUD', 'SUD', "OD'd", 'AA meeting', 'NA meeting', 'MAT program'],
  },
  {
    group: 'pregnancy',
    label: 'pregnancy or reproductive health',
    suggestion:
      'Write the effect on the plan, not the reason, e.g. “Participant reported a medical condition; available for work after 6/1.”',
    terms: [
      'pregnant', 'pregnancy', 'ectopic pregnancy', 'high-risk pregnancy', 'expecting a baby',
      'prenatal', 'postnatal', 'postpartum', 'trimester', 'miscarriage', 'miscarried',
      'stillbirth', 'abortion', 'gestational diabetes', 'preeclampsia', 'morning sickness',
      'labor and delivery', 'C-section', 'cesarean', 'caesarean', 'OB-GYN', 'obstetrician',
      'IVF', 'in vitro fertilization', 'fertility treatment', 'infertility', 'birth control',
      'contraceptive',
    ],
  },
  {
    group: 'injury-disability',
    label: 'a specific injury or disability',
    suggestion:
      'Write that a disability or medical condition exists and the accommodation it needs, e.g. “Participant has a disability and requested an accommodation for the workshop.”',
    terms: [
      'traumatic brain injury', 'TBI', 'brain injury', 'head injury', 'concussion',
      'spinal cord injury', 'back injury', 'neck injury', 'knee injury', 'shoulder injury',
      'broken (arm|leg|wrist|ankle|hand|foot|hip|back|neck|rib|collarbone|jaw)', 'fracture',
      'fractured', 'torn (ACL|meniscus|ligament|rotator cuff)', 'rotator cuff', 'whiplash',
      'paralysis', 'paralyzed', 'paraplegic', 'quadriplegic', 'tetraplegic', 'amputee',
      'amputated', 'prosthetic (leg|arm|limb|hand|foot)', 'prosthesis', 'legally blind',
      'blindness', 'visually impaired', 'vision loss', 'low vision', 'deaf', 'deafness',
      'hard of hearing', 'hearing impaired', 'hearing loss', 'cochlear implant',
      'mobility impairment', 'speech impediment',
    ],
  },
  {
    group: 'medication',
    label: 'a medication',
    suggestion:
      'Leave the medication out; if it matters for the plan, write “Participant has a medical need that affects …” and what it changes.',
    terms: [
      // diabetes
      'metformin', 'Glucophage', 'glipizide', 'glyburide', 'glimepiride', 'sitagliptin',
      'Januvia', 'Janumet', 'pioglitazone', 'Actos', 'semaglutide', 'Ozempic', 'Wegovy',
      'Rybelsus', 'tirzepatide', 'Mounjaro', 'Zepbound', 'liraglutide', 'Victoza', 'Saxenda',
      'dulaglutide', 'Trulicity', 'empagliflozin', 'Jardiance', 'dapagliflozin', 'Farxiga',
      'canagliflozin', 'Invokana', 'Lantus', 'Levemir', 'Humalog', 'Novolog', 'Tresiba',
      'Basaglar',
      // heart and blood
      'lisinopril', 'enalapril', 'losartan', 'Cozaar', 'valsartan', 'Diovan', 'Entresto',
      'amlodipine', 'Norvasc', 'metoprolol', 'Lopressor', 'Toprol', 'atenolol', 'carvedilol',
      'Coreg', 'propranolol', 'hydrochlorothiazide', 'HCTZ', 'furosemide', 'Lasix',
      'spironolactone', 'clonidine', 'hydralazine', 'diltiazem', 'atorvastatin', 'Lipitor',
      'simvastatin', 'Zocor', 'rosuvastatin', 'Crestor', 'pravastatin', 'warfarin', 'Coumadin',
      'apixaban', 'Eliquis', 'rivaroxaban', 'Xarelto', 'clopidogrel', 'Plavix', 'digoxin',
      'nitroglycerin',
      // lungs
      'albuterol', 'ProAir', 'Ventolin', 'Proventil', 'Symbicort', 'Advair', 'budesonide',
      'Spiriva', 'tiotropium', 'montelukast', 'Singulair', 'Breo', 'Trelegy',
      // antidepressants and anxiety
      'sertraline', 'Zoloft', 'fluoxetine', 'Prozac', 'citalopram', 'Celexa', 'escitalopram',
      'Lexapro', 'paroxetine', 'Paxil', 'venlafaxine', 'Effexor', 'duloxetine', 'Cymbalta',
      'desvenlafaxine', 'Pristiq', 'bupropion', 'Wellbutrin', 'mirtazapine', 'Remeron',
      'trazodone', 'amitriptyline', 'nortriptyline', 'vortioxetine', 'Trintellix', 'buspirone',
      'BuSpar', 'hydroxyzine', 'Vistaril',
      // antipsychotics and mood stabilizers
      'aripiprazole', 'Abilify', 'quetiapine', 'Seroquel', 'olanzapine', 'Zyprexa',
      'risperidone', 'Risperdal', 'haloperidol', 'Haldol', 'ziprasidone', 'Geodon', 'lurasidone',
      'Latuda', 'clozapine', 'Clozaril', 'paliperidone', 'Invega', 'cariprazine', 'Vraylar',
      'brexpiprazole', 'Rexulti', 'lithium', 'lamotrigine', 'Lamictal', 'valproate',
      'valproic acid', 'divalproex', 'Depakote',
      // seizures and nerve pain
      'carbamazepine', 'Tegretol', 'oxcarbazepine', 'Trileptal', 'topiramate', 'Topamax',
      'levetiracetam', 'Keppra', 'phenytoin', 'Dilantin', 'gabapentin', 'Neurontin',
      'pregabalin', 'Lyrica',
      // benzodiazepines and sleep
      'alprazolam', 'Xanax', 'clonazepam', 'Klonopin', 'lorazepam', 'Ativan', 'diazepam',
      'Valium', 'temazepam', 'Restoril', 'zolpidem', 'Ambien',
      // ADHD
      'Adderall', 'amphetamine', 'dextroamphetamine', 'methylphenidate', 'Ritalin', 'Concerta',
      'lisdexamfetamine', 'Vyvanse', 'atomoxetine', 'Strattera', 'guanfacine', 'Intuniv',
      'Focalin',
      // pain, opioids, addiction treatment
      'oxycodone', 'OxyContin', 'Percocet', 'hydrocodone', 'Vicodin', 'Lortab', 'morphine',
      'codeine', 'hydromorphone', 'Dilaudid', 'tramadol', 'Ultram', 'tapentadol', 'Nucynta',
      'meloxicam', 'cyclobenzaprine', 'Flexeril', 'baclofen', 'carisoprodol', 'methadone',
      'buprenorphine', 'Suboxone', 'Subutex', 'Sublocade', 'naltrexone', 'Vivitrol', 'naloxone',
      'Narcan', 'disulfiram', 'Antabuse', 'acamprosate', 'varenicline', 'Chantix',
      // HIV and hepatitis
      'Truvada', 'Descovy', 'Biktarvy', 'Genvoya', 'Triumeq', 'Odefsey', 'Dovato', 'Stribild',
      'Atripla', 'tenofovir', 'emtricitabine', 'dolutegravir', 'efavirenz', 'Harvoni',
      'Epclusa', 'Mavyret', 'sofosbuvir',
      // cancer
      'tamoxifen', 'letrozole', 'anastrozole', 'Herceptin', 'trastuzumab', 'Keytruda',
      'pembrolizumab', 'Opdivo', 'cisplatin', 'carboplatin', 'paclitaxel', 'Taxol',
      'doxorubicin', 'Gleevec', 'imatinib', 'Rituxan', 'rituximab',
      // immune, thyroid, other
      'prednisone', 'methylprednisolone', 'Medrol', 'Humira', 'adalimumab', 'Enbrel',
      'etanercept', 'Remicade', 'infliximab', 'Stelara', 'Dupixent', 'Otezla',
      'hydroxychloroquine', 'Plaquenil', 'methotrexate', 'levothyroxine', 'Synthroid',
      'Armour Thyroid', 'methimazole', 'allopurinol', 'colchicine', 'sildenafil', 'Viagra',
      'Cialis', 'EpiPen',
    ],
    exact: ['PrEP'],
  },
  {
    group: 'medication-class',
    label: 'a type of medication that points to a diagnosis',
    suggestion:
      'Leave the medication out; if it matters for the plan, write “Participant has a medical need that affects …” and what it changes.',
    terms: [
      'antidepressant', 'tricyclic antidepressant', 'antipsychotic', 'mood stabilizer',
      'anti-anxiety (medication|meds|pills)', 'anxiolytic', 'benzodiazepine', 'benzo', 'SSRI',
      'SNRI', 'MAOI', 'opioid', 'opiate', 'narcotic (pain medication|pain meds|painkiller)',
      'stimulant medication', 'anticonvulsant', 'antiepileptic', 'blood thinner',
      'anticoagulant', 'statin', 'beta blocker', 'ACE inhibitor', 'diuretic', 'water pill',
      'insulin', 'insulin pump', 'antiretroviral', 'immunosuppressant', 'corticosteroid',
      'steroid injection', 'psychotropic', 'psych meds', 'hormone therapy',
      'hormone replacement therapy',
    ],
  },
  {
    group: 'procedure',
    label: 'a medical procedure or treatment',
    suggestion:
      'Write that the participant has a medical appointment or procedure and when they are available, e.g. “Participant has a scheduled medical procedure; unavailable until 3/14.”',
    terms: [
      'chemotherapy', 'chemo', 'radiation therapy', 'radiation treatment', 'radiotherapy',
      'immunotherapy', 'dialysis', 'hemodialysis', 'peritoneal dialysis', 'biopsy',
      'mastectomy', 'lumpectomy', 'hysterectomy', 'vasectomy', 'tubal ligation', 'appendectomy',
      'cholecystectomy', 'gallbladder surgery', 'colonoscopy', 'endoscopy', 'bronchoscopy',
      'bypass surgery', 'heart surgery', 'open-heart surgery', 'cardiac catheterization',
      'angioplasty', 'stent', 'pacemaker', 'gastric bypass', 'bariatric surgery',
      'weight loss surgery', 'lap band', 'knee replacement', 'hip replacement',
      'joint replacement', 'knee surgery', 'back surgery', 'spine surgery', 'spinal fusion',
      'neck surgery', 'shoulder surgery', 'brain surgery', 'neurosurgery', 'cataract surgery',
      'organ transplant', 'kidney transplant', 'liver transplant', 'heart transplant',
      'lung transplant', 'bone marrow transplant', 'stem cell transplant', 'amputation',
      'skin graft', 'blood transfusion', 'MRI', 'CT scan', 'CAT scan', 'PET scan', 'mammogram',
      'Pap smear', 'electroconvulsive therapy', 'electroshock', 'colostomy', 'ileostomy',
      'ostomy', 'tracheostomy', 'feeding tube', 'cortisone shot', 'epidural', 'spinal tap',
      'lumbar puncture', 'sleep study', 'CPAP', 'cardiac rehab', 'pulmonary rehab',
      'gender-affirming surgery',
    ],
    exact: ['ECT'],
  },
  {
    group: 'setting',
    label: 'a treatment setting or specialist that gives the diagnosis away',
    suggestion:
      'Write that the participant is receiving treatment, not where or for what, e.g. “Participant is unavailable until 4/2 for a medical reason.”',
    terms: [
      'detox', 'detoxification', 'detox center', 'drug rehab', 'alcohol rehab', 'in rehab',
      'to rehab', 'out of rehab', 'rehab stay',
      'inpatient rehab', 'rehab facility', 'rehab center', 'residential treatment',
      'inpatient treatment', 'drug treatment', 'alcohol treatment', 'methadone clinic',
      'sober living', 'sober house', 'psychiatric', 'psychiatrist', 'psych ward', 'psych unit',
      'psych hold', 'mental hospital', 'mental institution', 'insane asylum',
      'involuntary commitment', 'involuntarily committed', 'Baker Act', 'Baker Acted',
      '5150 hold', 'oncology', 'oncologist', 'cardiology', 'cardiologist', 'nephrology',
      'nephrologist', 'neurology', 'neurologist', 'endocrinologist', 'rheumatologist',
      'gastroenterologist', 'pulmonologist', 'hematologist', 'infectious disease clinic',
      'hospice', 'palliative care', 'memory care', 'pain clinic', 'pain management',
      'fertility clinic',
    ],
  },
];

/**
 * Phrases in which a lexicon term is not medical detail about the participant. A term found
 * inside one of these is not flagged. Same syntax as the terms (but no automatic plural).
 */
export const ALLOWED_MEDICAL_PHRASES: readonly string[] = [
  // economics, not mood
  '[the ](great|economic|financial) depression', 'depression-era', 'tropical depression',
  // a stroke that is not a stroke
  'stroke of (luck|good luck|genius|midnight|the pen|fortune|good fortune|inspiration)',
  'at the stroke of', '(brush|key|pen|paddle|swim|swimming|piston) stroke[s]',
  // seizure of property
  'seizure of', '(asset|assets|property|vehicle|cash|police|wage|civil|tax) seizure[s]',
  'seizure (notice|order|warrant)[s]',
  // batteries and bartending
  'lithium[-]ion', 'lithium (battery|batteries|cell|cells|mining)',
  'alcoholic (beverage|beverages|drink|drinks)',
  // routine screenings and vaccinations that workplaces and training programs require
  '(TB|tuberculosis|PPD) [skin ](test|tests|testing|screen|screening|clearance|card|result|results)',
  '(hepatitis|hep) (A|B) (vaccine|vaccines|vaccination|vaccinations|shot|shots|series|titer)',
  '(flu|influenza) (shot|shots|vaccine|vaccines|vaccination|vaccinations|season|clinic)',
  // the pandemic as a period of time or an event, not an illness of the participant
  '(during|since|before|after|through|due to|because of|amid) [the ]COVID[-19]',
  'COVID[-19] (pandemic|relief|era|closure|closures|shutdown|shutdowns|lockdown|lockdowns|restrictions|layoff|layoffs|vaccine|vaccines|vaccination|vaccinations|booster|protocol|protocols|precautions|policy|policies|guidelines|testing site|unemployment|funds|funding|grant|grants)',
  // overdose-response training for staff and peer workers
  '(Narcan|naloxone) (training|trainings|kit distribution)',
  // laws named after a condition
  'Pregnancy Discrimination Act', 'Pregnant Workers Fairness Act',
  // caregiver credentials (CNA / home health students)
  "(dementia|Alzheimer's|hospice|memory) care (training|certification|certificate|course|class)",
  // "on the spectrum of services"
  'on the spectrum of',
];

/**
 * A term followed by one of these words names a job, a credential or an employer, not the
 * participant's health: "dialysis technician", "psychiatric aide opening", "oncology unit
 * secretary", "MRI technologist program", "hospice aide job". One place word may come between.
 */
export const OCCUPATION_PLACE_WORDS: readonly string[] = [
  'center', 'centre', 'clinic', 'unit', 'facility', 'department', 'dept', 'ward', 'hospital',
  'office', 'practice', 'company', 'lab', 'laboratory', 'care', 'monitor', 'floor',
];
export const OCCUPATION_WORDS: readonly string[] = [
  'technician', 'technologist', 'tech', 'aide', 'assistant', 'nurse', 'nursing', 'receptionist',
  'scheduler', 'coordinator', 'secretary', 'secretaries', 'biller', 'billing', 'coder', 'coding',
  'transcriptionist', 'front desk', 'job', 'position', 'opening', 'vacancy', 'vacancies',
  'employer', 'job fair', 'hiring event', 'career fair', 'internship', 'externship',
  'apprenticeship', 'degree', 'diploma', 'certification', 'certificate', 'credential', 'license',
  'licensure', 'student', 'school',
];
/** A term followed by one of these is an organization's name: "American Cancer Society". */
export const ORGANIZATION_WORDS: readonly string[] = [
  'society', 'association', 'foundation', 'institute', 'alliance', 'coalition', 'awareness',
  'walk', 'run', 'research', 'network', 'council', 'fund', 'month', 'speaks',
];

/** Every term of the lexicon with its group and whether it is case-sensitive. */
export function lexiconEntries(): { term: string; group: MedicalGroup; exact: boolean }[] {
  return MEDICAL_LEXICON.flatMap((g) => [
    ...g.terms.map((term) => ({ term, group: g.group, exact: false })),
    ...(g.exact ?? []).map((term) => ({ term, group: g.group, exact: true })),
  ]);
}

/** How many terms the lexicon holds (base terms; plurals and spelling variants not counted). */
export const MEDICAL_TERM_COUNT: number = MEDICAL_LEXICON.reduce(
  (n, g) => n + g.terms.length + (g.exact?.length ?? 0),
  0,
);
